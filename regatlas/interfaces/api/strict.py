"""JSON request bodies read by the strict, bounded reader (`regatlas.untrusted.jsontext`).

FastAPI reads bodies with `json.loads`, which keeps the last of two duplicate keys, turns `1e309`
into infinity and recurses without bound. Routers built with `route_class=StrictRoute` read
them strictly instead; a refused body is a 422 problem naming line and column.

>>> from fastapi import APIRouter, FastAPI
>>> from fastapi.testclient import TestClient
>>> router = APIRouter(route_class=StrictRoute)
>>> @router.post("/echo")
... async def echo(body: dict) -> dict:
...     return body
>>> app = FastAPI()
>>> app.include_router(router)
>>> client = TestClient(app)
>>> r = client.post("/echo", content=b'{"a": 1, "a": 2}', headers={"content-type": "application/json"})
>>> r.status_code, r.json()["detail"]
(422, "request body: a: duplicate member 'a' in one JSON object")
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute

from regatlas.errors import InputError
from regatlas.untrusted.jsontext import loads


class StrictRequest(Request):
    """A request whose `json()` refuses what `regatlas.untrusted.jsontext` refuses."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            try:
                self._json = loads(await self.body(), "request body")
            except InputError as exc:
                # FastAPI passes an HTTPException raised while reading the body straight through.
                raise HTTPException(422, str(exc)) from None
        return self._json


class StrictRoute(APIRoute):
    """An API route whose JSON body is read strictly."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict(request: Request) -> Response:
            return await handler(StrictRequest(request.scope, request.receive))

        return strict
