import asyncio

from fastapi import FastAPI

app = FastAPI()

RATES = {"EUR": 0.92, "GBP": 0.79}


async def fetch_rate(currency: str) -> float:
    await asyncio.sleep(0.01)  # stands in for a call to another service
    return RATES.get(currency, 1.0)


@app.get("/convert/{amount}")
async def convert(amount: float, currency: str = "EUR") -> dict[str, float | str]:
    rate = await fetch_rate(currency)
    return {"amount": amount, "currency": currency, "converted": round(amount * rate, 2)}
