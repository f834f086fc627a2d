from typing import Annotated

from fastapi import FastAPI, Query

app = FastAPI()


@app.get("/items/{item_id}")
def read_item(
    item_id: int,
    q: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> dict[str, object]:
    return {"item_id": item_id, "q": q, "limit": limit}
