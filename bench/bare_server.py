"""The baseline: a bare aiohttp handler answering like the REST channel, no bot behind it."""

from __future__ import annotations

import json
import sys

from aiohttp import web


async def webhook(request: web.Request) -> web.Response:
    body = await request.json()
    reply = [{"recipient_id": body["sender"], "text": "请输入旅客姓名（与证件一致）："}]
    return web.json_response(reply, dumps=lambda o: json.dumps(o, ensure_ascii=False))


def main() -> None:
    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)


if __name__ == "__main__":
    main()
