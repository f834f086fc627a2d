from fastapi import FastAPI

app = FastAPI()


@app.get("/items/{item_id}")
def read_item(item_id: int, q: str | None = None, limit: int = 10) -> dict[str, object]:
    return {"item_id": item_id, "q": q, "limit": limit}
