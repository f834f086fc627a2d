from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class Item(BaseModel):
    name: str = Field(min_length=1)
    price: float
    tags: list[str] = []


@app.post("/items", status_code=201)
def create_item(item: Item) -> Item:
    return item
