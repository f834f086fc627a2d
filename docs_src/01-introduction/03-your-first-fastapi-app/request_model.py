from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


# --8<-- [start:model]
class Item(BaseModel):
    name: str = Field(min_length=1)
    price: float = Field(gt=0)
    tags: list[str] = []
    # --8<-- [end:model]


# --8<-- [start:endpoint]
@app.post("/items", status_code=201)
def create_item(item: Item) -> Item:
    return item
    # --8<-- [end:endpoint]
