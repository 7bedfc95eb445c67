"""A raw HTTP/1.1 server on 127.0.0.1 that can answer, hang, or reset the connection.

Real sockets matter for timeouts and dropped connections: httpx.MockTransport cannot show
what httpcore does when the peer goes away mid-request.
"""

from __future__ import annotations

import asyncio
import json
import socket
import struct
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


@dataclass
class LoopbackServer:
    """Plays `script` in order, one action per request (the last repeats):
    ("json", status, body) | ("hang",) | ("reset",)."""

    script: list[tuple[object, ...]]
    received: list[bytes] = field(default_factory=list)
    port: int = 0
    open_connections: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.open_connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                body = await reader.readexactly(length) if length else b""
                self.received.append(head + body)
                action = self.script[min(len(self.received), len(self.script)) - 1]
                if action[0] == "hang":
                    await asyncio.sleep(30)
                    return
                if action[0] == "reset":
                    sock = writer.get_extra_info("socket")
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    writer.transport.abort()
                    return
                _, status, payload = action
                data = json.dumps(payload).encode()
                writer.write(
                    f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(data)}\r\nX-Rate-Limit-Remaining: 5\r\n\r\n".encode()
                    + data
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            return
        finally:
            self.open_connections -= 1
            writer.close()


@asynccontextmanager
async def loopback(*script: tuple[object, ...]) -> AsyncIterator[LoopbackServer]:
    server = LoopbackServer(list(script))
    tcp = await asyncio.start_server(server._serve, "127.0.0.1", 0)
    server.port = tcp.sockets[0].getsockname()[1]
    try:
        yield server
    finally:
        tcp.close()
        for task in asyncio.all_tasks():
            if task.get_coro().__qualname__.startswith("LoopbackServer._serve"):  # type: ignore[union-attr]
                task.cancel()
        await tcp.wait_closed()
