"""Samples of lesson 1.3, Your First FastAPI App: each answers as the lesson says it does."""

from __future__ import annotations

import json

import pytest
from conftest import SAMPLES

FOLDER = "01-introduction/03-your-first-fastapi-app"


@pytest.mark.sample(f"{FOLDER}/main.py")
def test_main_says_hello(client) -> None:
    response = client.get("/")
    assert (response.status_code, response.json()) == (200, {"message": "Hello, FastAPI"}), (
        f"{FOLDER}/main.py: GET /"
    )
    assert set(client.get("/openapi.json").json()["paths"]) == {"/"}


@pytest.mark.sample(f"{FOLDER}/parameters.py")
def test_parameters_are_typed(client) -> None:
    sample = f"{FOLDER}/parameters.py"
    assert client.get("/items/42?q=pen&limit=5").json() == {
        "item_id": 42,
        "q": "pen",
        "limit": 5,
    }, sample
    assert client.get("/items/42").json() == {"item_id": 42, "q": None, "limit": 10}, sample
    wrong = client.get("/items/abc")
    assert wrong.status_code == 422, sample
    assert [error["loc"] for error in wrong.json()["detail"]] == [["path", "item_id"]], sample
    assert client.get("/items/42?limit=five").status_code == 422, sample


@pytest.mark.sample(f"{FOLDER}/parameters.py")
def test_parameters_are_documented(client) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/items/{item_id}"]["get"]
    parameters = {p["name"]: (p["in"], p["required"], p["schema"]) for p in operation["parameters"]}
    assert parameters["item_id"] == ("path", True, {"type": "integer", "title": "Item Id"})
    assert parameters["q"][:2] == ("query", False)
    assert parameters["limit"] == (
        "query",
        False,
        {"type": "integer", "default": 10, "title": "Limit"},
    )


@pytest.mark.sample(f"{FOLDER}/request_model.py")
def test_a_valid_item_is_created(client) -> None:
    response = client.post("/items", json={"name": "Pen", "price": 1.5})
    assert (response.status_code, response.json()) == (
        201,
        {"name": "Pen", "price": 1.5, "tags": []},
    ), f"{FOLDER}/request_model.py: POST /items"


@pytest.mark.sample(f"{FOLDER}/request_model.py")
def test_an_invalid_item_gets_the_422_the_lesson_shows(client) -> None:
    response = client.post("/items", json={"name": "", "price": -1})
    shown = json.loads((SAMPLES / FOLDER / "validation_error.json").read_text())
    assert (response.status_code, response.json()) == (422, shown), (
        f"{FOLDER}/validation_error.json no longer matches what request_model.py answers"
    )


@pytest.mark.sample(f"{FOLDER}/request_model.py")
def test_the_item_model_is_in_the_schema(client) -> None:
    item = client.get("/openapi.json").json()["components"]["schemas"]["Item"]
    assert item["required"] == ["name", "price"]
    assert item["properties"]["price"]["exclusiveMinimum"] == 0


@pytest.mark.sample(f"{FOLDER}/async_endpoint.py")
def test_the_async_endpoint_converts(client) -> None:
    sample = f"{FOLDER}/async_endpoint.py"
    assert client.get("/convert/100?currency=GBP").json() == {
        "amount": 100.0,
        "currency": "GBP",
        "converted": 79.0,
    }, sample
    assert client.get("/convert/10").json()["converted"] == 9.2, sample
    assert client.get("/convert/10?currency=JPY").json()["converted"] == 10.0, sample


@pytest.mark.sample(f"{FOLDER}/limit_in_range.py")
def test_a_limit_outside_its_range_is_refused(client) -> None:
    sample = f"{FOLDER}/limit_in_range.py"
    for limit in ("0", "101", "five"):
        wrong = client.get(f"/items/42?limit={limit}")
        assert wrong.status_code == 422, (sample, limit)
        assert [error["loc"] for error in wrong.json()["detail"]] == [["query", "limit"]], sample
    for limit in (1, 100):
        assert client.get(f"/items/42?limit={limit}").json()["limit"] == limit, sample
    assert client.get("/items/42").json() == {"item_id": 42, "q": None, "limit": 10}, sample
    operation = client.get("/openapi.json").json()["paths"]["/items/{item_id}"]["get"]
    (limit,) = [p for p in operation["parameters"] if p["name"] == "limit"]
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 100), sample


@pytest.mark.sample(f"{FOLDER}/price_without_rule.py")
def test_without_its_rule_a_negative_price_is_accepted(client) -> None:
    sample = f"{FOLDER}/price_without_rule.py"
    # The lesson's invalid request is still refused, for its name alone.
    response = client.post("/items", json={"name": "", "price": -1})
    assert response.status_code == 422, sample
    assert [error["loc"] for error in response.json()["detail"]] == [["body", "name"]], sample
    accepted = client.post("/items", json={"name": "Pen", "price": -1})
    assert (accepted.status_code, accepted.json()) == (
        201,
        {"name": "Pen", "price": -1.0, "tags": []},
    ), sample
