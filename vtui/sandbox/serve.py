"""`vtui sandbox serve`: the sandbox over HTTP on loopback, for any Voucherify client.

vtui sandbox serve [--host 127.0.0.1] [--port 8000] [--db PATH | --memory]
                   [--customers N] [--seed S] [--app-id X --app-token Y]
"""

from __future__ import annotations

import argparse
import contextlib
import sys


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
    parser.add_argument("--app-token", metavar="Y", help="the only accepted X-App-Token")
    return parser


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
    if (args.app_id is None) != (args.app_token is None):
        parser.error("--app-id and --app-token go together")
    if args.customers < 0 or not 0 <= args.port <= 65535:
        parser.error("--customers must be >= 0 and --port 0-65535")

    warning = exposure_warning(args.host)
    if warning:
        print(warning, file=sys.stderr, flush=True)

    import asyncio

    import uvicorn

    from vtui.sandbox.app import Sandbox

    def progress(done: int, total: int) -> None:
        print(f"\rseeding {done:,}/{total:,} customers", end="", file=sys.stderr, flush=True)

    sandbox = Sandbox(
        ":memory:" if args.memory else (args.db or default_db()),
        customers=args.customers,
        seed=args.seed,
        app_id=args.app_id,
        app_token=args.app_token,
        progress=progress,
    )
    config = uvicorn.Config(
        sandbox.app, host=args.host, port=args.port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)

    async def run() -> None:
        await sandbox.start()
        try:
            serving = asyncio.create_task(server.serve())
            while not server.started and not serving.done():
                await asyncio.sleep(0.05)
            if server.started:
                port = server.servers[0].sockets[0].getsockname()[1]
                host = f"[{args.host}]" if ":" in args.host else args.host
                app_id = args.app_id or "sandbox-app-id"
                token = "<your --app-token>" if args.app_token else "sandbox-secret"
                print(f"\nvtui sandbox on http://{host}:{port}  (control routes: /_sandbox/)")
                print(
                    f"  curl -H 'X-App-Id: {app_id}' -H 'X-App-Token: {token}' "
                    f"http://{host}:{port}/v1/customers"
                )
                print("Ctrl+C stops it.", flush=True)
            await serving
        finally:
            await sandbox.close()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())
    return 0 if server.started or not server.should_exit else 1
