"""The ceiling of the benchmark: a bare ASGI app that replays responses captured from the emulator.

For every operation measured, the benchmark (bench/scenarios/http.py) first sends one request to
the emulator and records the status, the headers the application sent and the body. This app
answers each request with that recorded response, byte for byte (uvicorn adds the same `date`
header to both), after reading the request body the way any ASGI app must. It does nothing else: no routing beyond a method +
path-shape lookup, no auth, no JSON, no storage. What it costs is the cost of the HTTP stack, so
emulator / ceiling is the share of the stack's capacity the emulator keeps while doing its work.

    python bench/ceiling.py --responses FILE --port 8101 [--stack uvicorn|graphsync] [--processes N]

--stack uvicorn (the ceiling): uvicorn with httptools and uvloop and the uvicorn settings of
`graphsync serve`, given in FILE. --stack graphsync: the app served by graphsync.server.serve
itself, i.e. also through the emulator's own HTTP protocol class (bounded request heads, Graph
errors at the transport level); the difference between the two is the cost of that layer.
--processes N (uvicorn only): the socket is bound once and N forked processes serve it, as
`graphsync serve --workers N` does: the ceiling for the emulator's worker processes.

FILE is JSON: {"uvicorn": {uvicorn.Config keyword arguments}, "head_timeout_s": number,
"routes": [{"method", "kind", "status", "headers": [[name, value], ...], "body_b64"}]}; `kind` is
the number of `/` in the path, which tells a collection (list, create: 5) from a job (get: 6)
without parsing ids.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import socket
from pathlib import Path
from typing import Any

Routes = dict[tuple[str, int], tuple[int, list[tuple[bytes, bytes]], bytes]]


def load_routes(data: dict[str, Any]) -> Routes:
    """The recorded responses by (method, number of `/` in the path)."""
    routes: Routes = {}
    for entry in data["routes"]:
        headers = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in entry["headers"]]
        routes[(entry["method"], int(entry["kind"]))] = (
            int(entry["status"]),
            headers,
            base64.b64decode(entry["body_b64"]),
        )
    return routes


def make_app(routes: Routes) -> Any:
    """The ASGI app that answers each request with the recorded response for its method and path shape."""
    not_found = (404, [(b"content-type", b"text/plain"), (b"content-length", b"0")], b"")

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":  # the emulator runs with lifespan="on": answer it the same way
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        # Read the whole request body, as a real app has to before it can answer.
        more = True
        while more:
            message = await receive()
            more = message.get("more_body", False)
        kind = scope["path"].rstrip("/").count("/")
        status, headers, body = routes.get((scope["method"], kind), not_found)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


def main() -> None:
    """Serve the replaying app on plain uvicorn or on graphsync's own server (--stack)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--responses", type=Path, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--stack", choices=["uvicorn", "graphsync"], default="uvicorn")
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    data = json.loads(args.responses.read_text(encoding="utf-8"))
    app = make_app(load_routes(data))
    if args.stack == "graphsync":
        from graphsync.server import bind, serve
        from graphsync.settings import Settings

        settings = Settings(
            header_timeout_s=data["head_timeout_s"],
            log_level=data["uvicorn"]["log_level"],
            limit_concurrency=data["uvicorn"]["limit_concurrency"],
        )
        serve(app, bind(args.host, args.port), settings)
    elif args.processes > 1:
        serve_forked(app, args.host, args.port, args.processes, data["uvicorn"])
    else:
        import uvicorn

        uvicorn.run(app, host=args.host, port=args.port, **data["uvicorn"])


def serve_forked(app: Any, host: str, port: int, processes: int, options: dict[str, Any]) -> None:
    """`processes` uvicorn servers forked on one socket bound here (each stops on SIGINT/SIGTERM)."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(options.get("backlog", 2048))
    sock.set_inheritable(True)
    children: list[int] = []
    for _ in range(processes - 1):
        pid = os.fork()
        if pid == 0:
            children = []
            break
        children.append(pid)
    uvicorn.Server(uvicorn.Config(app, **options)).run(sockets=[sock])
    for pid in children:
        os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
