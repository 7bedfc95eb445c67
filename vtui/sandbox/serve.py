"""`vtui sandbox serve`: the sandbox over HTTP on loopback, for any Voucherify client.

vtui sandbox serve [--host 127.0.0.1] [--port 8000] [--db PATH | --memory]
                   [--customers N] [--seed S] [--app-id X [--app-token-stdin]]

The token the sandbox requires comes from stdin (`--app-token-stdin`) or from
VTUI_SANDBOX_APP_TOKEN, so it stays out of the process list; `--app-token Y` still works
but warns, since any user can read argv with `ps`. Failures that stop the server (a port
in use, a --db that is not a writable SQLite file) print one line and exit 1.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import sys

TOKEN_ENV = "VTUI_SANDBOX_APP_TOKEN"


def default_db() -> str:
    """Where `serve` keeps its data unless told: the user data dir, beside the demo's."""
    from platformdirs import user_data_path

    folder = user_data_path("vtui")
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "sandbox-serve.db")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vtui sandbox serve",
        description="Serve the Voucherify sandbox over HTTP (loopback by default).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 = any free)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite file (default: sandbox-serve.db in vtui's user data dir)",
    )
    where.add_argument("--memory", action="store_true", help="keep the data in memory only")
    parser.add_argument(
        "--customers",
        type=int,
        default=1000,
        metavar="N",
        help="customers to seed into an empty database (default 1000)",
    )
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the seed data")
    parser.add_argument("--app-id", metavar="X", help="the only accepted X-App-Id")
    token = parser.add_mutually_exclusive_group()
    token.add_argument(
        "--app-token-stdin",
        action="store_true",
        help=f"read the only accepted X-App-Token from stdin (or set {TOKEN_ENV})",
    )
    token.add_argument(
        "--app-token", metavar="Y", help="the token in argv, visible to ps: prefer the above"
    )
    return parser


def _token(args: argparse.Namespace, parser: argparse.ArgumentParser) -> str | None:
    """The required token: --app-token, else stdin (--app-token-stdin), else the environment."""
    if args.app_token is not None:
        print(
            "warning: --app-token puts the token in the process list (ps) for every user of "
            f"this machine; use --app-token-stdin or {TOKEN_ENV} instead",
            file=sys.stderr,
            flush=True,
        )
        token: str | None = args.app_token
    elif args.app_token_stdin:
        if sys.stdin.isatty():  # typed by hand: not echoed
            import getpass

            token = getpass.getpass("App Token (hidden): ").strip()
        else:
            token = sys.stdin.readline().strip()
        if not token:
            parser.error("--app-token-stdin: stdin gave no token")
    else:
        token = os.environ.get(TOKEN_ENV, "").strip() or None
    if token is not None and (
        not token.strip() or any(ch.isspace() or not ch.isprintable() for ch in token)
    ):
        parser.error("the app token must be printable, without spaces or control characters")
    if (args.app_id is None) != (token is None):
        parser.error(
            f"--app-id and a token (--app-token-stdin, {TOKEN_ENV} or --app-token) go together"
        )
    return token


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port; OSError (port in use, bad address) for the caller."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except BaseException:
        sock.close()
        raise
    return sock


def allowed_hosts(host: str) -> frozenset[str]:
    """The Host names the control routes answer: loopback, plus `host` if bound elsewhere."""
    from vtui.sandbox.control_guard import LOOPBACK_HOSTS, host_name

    return LOOPBACK_HOSTS | {host_name(host)} if exposure_warning(host) else LOOPBACK_HOSTS


def _fail(message: str) -> int:
    print(f"vtui sandbox serve: {message}", file=sys.stderr, flush=True)
    return 1


def exposure_warning(host: str) -> str | None:
    """A warning when `host` is reachable from other machines: the control routes need no keys."""
    import ipaddress

    if host == "localhost":
        return None
    try:
        if ipaddress.ip_address(host).is_loopback:
            return None
    except ValueError:
        pass  # a host name: assume it may be reachable from elsewhere
    return (
        f"warning: binding {host}: anyone who can reach it can reset the data, change the "
        "required keys and read every customer through /_sandbox/ (no keys needed there). "
        "Use the default 127.0.0.1 unless you mean it."
    )


def main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.customers < 0 or not 0 <= args.port <= 65535:
        parser.error("--customers must be >= 0 and --port 0-65535")
    app_token = _token(args, parser)

    warning = exposure_warning(args.host)
    if warning:
        print(warning, file=sys.stderr, flush=True)

    import asyncio
    import sqlite3

    try:
        db = ":memory:" if args.memory else (args.db or default_db())
        sock = _bind(args.host, args.port)
    except OSError as exc:
        where = f"{args.host}:{args.port}"
        if isinstance(exc, socket.gaierror) or exc.filename is None:
            return _fail(f"cannot listen on {where}: {exc.strerror or exc}")
        return _fail(f"cannot create {exc.filename}: {exc.strerror or exc}")

    import uvicorn

    from vtui.sandbox.app import Sandbox

    def progress(done: int, total: int) -> None:
        print(f"\rseeding {done:,}/{total:,} customers", end="", file=sys.stderr, flush=True)

    sandbox = Sandbox(
        db,
        customers=args.customers,
        seed=args.seed,
        app_id=args.app_id,
        app_token=app_token,
        progress=progress,
        allowed_hosts=allowed_hosts(args.host),
    )
    config = uvicorn.Config(sandbox.app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)

    async def run() -> None:
        await sandbox.start()
        try:
            serving = asyncio.create_task(server.serve(sockets=[sock]))
            while not server.started and not serving.done():
                await asyncio.sleep(0.05)
            if server.started:
                port = sock.getsockname()[1]
                host = f"[{args.host}]" if ":" in args.host else args.host
                app_id = args.app_id or "sandbox-app-id"
                token = "<your app token>" if app_token else "sandbox-secret"
                print(f"\nvtui sandbox on http://{host}:{port}  (control routes: /_sandbox/)")
                print(
                    f"  curl -H 'X-App-Id: {app_id}' -H 'X-App-Token: {token}' "
                    f"http://{host}:{port}/v1/customers"
                )
                print("Ctrl+C stops it.", flush=True)
            await serving
        finally:
            await sandbox.close()

    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(run())
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"cannot use the database {db}: {exc}")
    finally:
        sock.close()
    return 0 if server.started or not server.should_exit else 1
