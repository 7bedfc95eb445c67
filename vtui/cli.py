"""The `vtui` command: parse flags, pick a profile, start the TUI or run a subcommand.

Only argparse is imported up front so `vtui --help` and `vtui --version` stay fast;
vtui.config, vtui.api, the TUI and the sandbox are imported by the command that needs them.

Subcommands are rows of `_COMMANDS` (name -> handler) plus a parser in `build_parser`;
`vtui journal` is one of them (the undo journal's listing, `vtui.changes.journal_cli.main`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from vtui import __version__

if TYPE_CHECKING:
    from pydantic import SecretStr


EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
CHECK_TIMEOUT = 15.0
_ENVIRONMENT_HELP = """\
environment:
  VOUCHERIFY_APP_ID, VOUCHERIFY_APP_TOKEN   keys that override the profile's
  VOUCHERIFY_API_BASE_URL                   API URL that overrides the profile's
  VTUI_PROFILE                              profile to use when --profile is not given
  VTUI_CONFIG_DIR                           folder of config.toml, credentials.toml, state

precedence: flags > environment > profile (config.toml, credentials.toml or the keyring)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vtui",
        description="A keyboard-driven terminal UI for the customers of a Voucherify project.",
        epilog=_ENVIRONMENT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"vtui {__version__}")
    parser.add_argument("--profile", metavar="NAME", help="the profile to use")
    parser.add_argument("--api-url", metavar="URL", help="the API base URL to use")
    parser.add_argument("--read-only", action="store_true", help="refuse every change")
    demo = parser.add_argument_group("demo (no account needed)")
    demo.add_argument("--demo", action="store_true", help="run against a local sandbox")
    demo.add_argument("--customers", type=_count, metavar="N", help="demo size (with --demo)")
    demo.add_argument("--reset", action="store_true", help="reseed the demo data (with --demo)")

    # The same flags after a subcommand (`vtui login --profile x`); SUPPRESS keeps a
    # value given before the subcommand.
    profile_flags = argparse.ArgumentParser(add_help=False)
    profile_flags.add_argument(
        "--profile", metavar="NAME", default=argparse.SUPPRESS, help="the profile"
    )

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    login = commands.add_parser(
        "login",
        parents=[profile_flags],
        help="save a profile after checking its keys",
        description="Check the keys with one cheap API call, then save the profile. "
        "Prompts for what is missing when run in a terminal.",
    )
    region = login.add_mutually_exclusive_group()
    region.add_argument("--cluster", choices=("eu", "us", "as"), help="the project's region")
    region.add_argument(
        "--api-url", metavar="URL", default=argparse.SUPPRESS, help="a custom API base URL"
    )
    login.add_argument("--app-id", metavar="ID", help="the App ID (or VOUCHERIFY_APP_ID)")
    login.add_argument(
        "--app-token-stdin",
        action="store_true",
        help="read the App Token from stdin (else VOUCHERIFY_APP_TOKEN, else a hidden prompt)",
    )
    login.add_argument(
        "--read-only",
        action="store_true",
        default=argparse.SUPPRESS,
        help="mark the profile read-only",
    )
    login.add_argument(
        "--credential-store",
        choices=("keyring", "file"),
        help="where to keep the token (default: the OS keyring if usable, else the file)",
    )
    commands.add_parser("logout", parents=[profile_flags], help="forget a profile and its token")
    commands.add_parser("profiles", parents=[profile_flags], help="list profiles (tokens masked)")
    journal = commands.add_parser(
        "journal", parents=[profile_flags], help="list the changes made from vtui (undo journal)"
    )
    journal.add_argument("--limit", type=_count, default=50, metavar="N", help="at most N (50)")
    journal.add_argument("--json", action="store_true", help="one JSON object per line")
    sandbox = commands.add_parser(
        "sandbox", add_help=False, help="the local Voucherify emulator ('vtui sandbox serve')"
    )
    sandbox.add_argument("sandbox_args", nargs=argparse.REMAINDER)
    return parser


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run `vtui` with `argv` (default: sys.argv[1:]); returns the exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    sandbox_at = _command_index(args_list, "sandbox")
    if sandbox_at is not None:
        # argparse cannot pass `vtui sandbox --port 1` through untouched: check the global
        # flags before it, then hand the rest over as it is.
        parser.parse_args(args_list[:sandbox_at])
        return _run_sandbox(args_list[sandbox_at + 1 :])
    args = parser.parse_args(args_list)
    if (args.customers is not None or args.reset) and not args.demo:
        parser.error("--customers and --reset go with --demo")
    if args.demo and args.command:
        parser.error("--demo starts the TUI; it does not go with a command")
    handler = _COMMANDS.get(args.command, _run_demo if args.demo else _run_tui)
    try:
        return handler(args)
    except (KeyboardInterrupt, EOFError):  # ctrl+c, or ctrl+d at a prompt
        _fail("cancelled; nothing was saved" if args.command == "login" else "cancelled")
        return 130
    except Exception as exc:
        # vtui.config (and pydantic) is imported only by the commands that need it, so the
        # demo starts without it; a ConfigError can only come from a loaded vtui.config.
        config = sys.modules.get("vtui.config")
        if config is not None and isinstance(exc, config.ConfigError):
            _fail(str(exc))
            return EXIT_USAGE
        if isinstance(exc, OSError):  # a file or folder vtui cannot use: one line, no traceback
            where = f": {exc.filename}" if exc.filename else ""
            _fail(f"{exc.strerror or exc}{where}")
            return EXIT_FAILED
        raise


def _command_index(argv: list[str], command: str) -> int | None:
    """Where `command` stands as the subcommand (not as the value of a global flag)."""
    takes_value = {"--profile", "--api-url", "--customers"}
    skip = False
    for index, token in enumerate(argv):
        if skip:
            skip = False
        elif token in takes_value:
            skip = True
        elif not token.startswith("-"):
            return index if token == command else None
    return None


def _fail(message: str) -> None:
    print(f"vtui: {message}", file=sys.stderr)


def _run_tui(args: argparse.Namespace) -> int:
    from vtui.config import resolve_profile
    from vtui.tui.startup import run_profile

    profile = resolve_profile(args.profile, api_url=args.api_url)
    return run_profile(profile, args.read_only or (profile.read_only if profile else False))


def _run_demo(args: argparse.Namespace) -> int:
    from vtui.tui.startup import run_demo

    return run_demo(args.customers, args.reset, args.read_only)


def _run_sandbox(argv: list[str]) -> int:
    """`vtui sandbox serve ...`: the sandbox's own parser takes what follows `serve`."""
    if not argv or argv[0] != "serve":
        usage = "usage: vtui sandbox serve [options]   (vtui sandbox serve --help for them)"
        if argv and argv[0] in ("-h", "--help"):
            print(usage)
            return EXIT_OK
        print(usage, file=sys.stderr)
        return EXIT_USAGE
    from vtui.sandbox.serve import main as serve_main

    return serve_main(argv[1:])


def _run_login(args: argparse.Namespace) -> int:
    import asyncio

    from vtui.config import check_can_save, config_dir, keyring_available, save_profile

    if args.credential_store == "keyring" and not keyring_available():
        _fail("--credential-store keyring: no OS keyring is available here; use the file store")
        return EXIT_USAGE
    check_can_save()  # a broken config or unsafe credentials file stops us before any prompt
    interactive = sys.stdin.isatty() and not args.app_token_stdin
    try:
        name = _ask_profile_name(args.profile, interactive)
        cluster, base_url = _ask_region(args.cluster, args.api_url, interactive)
        app_id = _ask_app_id(args.app_id, interactive)
        token = _read_token(args.app_token_stdin, interactive)
    except ValueError as exc:
        _fail(str(exc))
        return EXIT_USAGE

    print(f"Checking the keys against {base_url} ...", file=sys.stderr)
    problem = asyncio.run(_check_keys(app_id, token, base_url))
    if problem:
        _fail(f"{problem} Nothing was saved.")
        return EXIT_FAILED
    profile = save_profile(
        name,
        app_id=app_id,
        app_token=token,
        cluster=cluster,
        api_url=None if cluster else base_url,
        read_only=getattr(args, "read_only", False),
        credential_store=args.credential_store,
    )
    where = "the OS keyring" if profile.credential_store == "keyring" else "credentials.toml"
    print(
        f"Logged in: profile {name!r} ({profile.region}, App ID {app_id}) is active; "
        f"the token is in {where} ({config_dir()})."
    )
    return EXIT_OK


def _ask_profile_name(flag: str | None, interactive: bool) -> str:
    import os

    from vtui.config import check_profile_name

    name = flag or os.environ.get("VTUI_PROFILE", "").strip()
    if not name and interactive:
        name = input("Profile name [default]: ").strip()
    return check_profile_name(name or "default")


def _ask_region(
    cluster: str | None, api_url: str | None, interactive: bool
) -> tuple[str | None, str]:
    """(cluster, base URL); cluster is None for a custom URL. Flags > environment > prompt."""
    import os

    from vtui.config import CLUSTER_URLS, normalize_api_url

    if cluster is None and api_url is None:
        api_url = os.environ.get("VOUCHERIFY_API_BASE_URL", "").strip() or None
        if api_url is None and interactive:
            answer = input("Region: eu, us, as, or an API URL [eu]: ").strip() or "eu"
            if answer in CLUSTER_URLS:
                return answer, CLUSTER_URLS[answer]
            api_url = answer
    if api_url:
        return None, normalize_api_url(api_url)
    cluster = cluster or "eu"
    return cluster, CLUSTER_URLS[cluster]


def _ask_app_id(flag: str | None, interactive: bool) -> str:
    import os

    app_id = (flag or os.environ.get("VOUCHERIFY_APP_ID", "")).strip()
    if not app_id and interactive:
        app_id = input("App ID: ").strip()
    if not app_id:
        raise ValueError("no App ID: give --app-id or set VOUCHERIFY_APP_ID")
    return app_id


def _read_token(from_stdin: bool, interactive: bool) -> SecretStr:
    import os

    from pydantic import SecretStr

    from vtui.config import check_app_token

    if from_stdin:
        value, where = sys.stdin.readline().strip(), "--app-token-stdin"
        if not value:
            raise ValueError("--app-token-stdin: stdin gave no token")
    else:
        value, where = os.environ.get("VOUCHERIFY_APP_TOKEN", "").strip(), "VOUCHERIFY_APP_TOKEN"
        if not value and interactive:
            import getpass

            value, where = getpass.getpass("App Token (hidden): ").strip(), "the prompt"
        if not value:
            raise ValueError(
                "no App Token: use --app-token-stdin, set VOUCHERIFY_APP_TOKEN, or run in a "
                "terminal"
            )
    try:  # checked here, before the token is ever sent
        return SecretStr(check_app_token(value))
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None


async def _check_keys(app_id: str, token: SecretStr, base_url: str) -> str | None:
    """One cheap call (list one customer); a plain-words problem, or None if the keys work."""
    from vtui.api import VoucherifyClient
    from vtui.api.key_check import keys_problem

    async with VoucherifyClient(
        app_id, token, base_url, timeout=CHECK_TIMEOUT, max_retries=0
    ) as client:
        return await keys_problem(client, base_url, CHECK_TIMEOUT)


def _run_logout(args: argparse.Namespace) -> int:
    import os

    from vtui.config import config_dir, current_profile_name, delete_profile

    name = current_profile_name(args.profile)
    if not delete_profile(name):
        _fail(f"no profile named {name!r} to log out of (see 'vtui profiles')")
        return EXIT_FAILED
    print(f"Logged out: profile {name!r} and its token are gone from {config_dir()}.")
    if os.environ.get("VOUCHERIFY_APP_TOKEN"):
        print("Note: VOUCHERIFY_APP_TOKEN is still set in this environment.")
    return EXIT_OK


def _run_profiles(args: argparse.Namespace) -> int:
    from vtui.config import list_profiles

    rows = list_profiles(name=args.profile)
    if not rows:
        print('No profiles yet: run "vtui login", or "vtui --demo" to try vtui without one.')
        return EXIT_OK
    table = [("", "PROFILE", "REGION", "APP ID", "TOKEN", "FROM (id/token)", "")]
    for row in rows:
        table.append(
            (
                "*" if row.active else "",
                row.name,
                row.region,
                row.app_id or "-",
                row.masked_token,
                f"{row.app_id_source or '-'}/{row.app_token_source or '-'}",
                "read-only" if row.read_only else "",
            )
        )
    widths = [max(len(cells[i]) for cells in table) for i in range(len(table[0]))]
    for cells in table:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
        )
    problems = [row for row in rows if row.problem]
    for row in problems:
        _fail(f"profile {row.name!r}: {row.problem}")
    asked = _asked_profile(args.profile)
    if asked is not None and not any(row.name == asked[0] for row in rows):
        known = ", ".join(row.name for row in rows)
        _fail(f"{asked[1]} names {asked[0]!r}, which is not a profile (profiles: {known})")
        return EXIT_FAILED
    return EXIT_FAILED if problems else EXIT_OK


def _asked_profile(flag: str | None) -> tuple[str, str] | None:
    """(name, where) of a profile asked for by --profile or VTUI_PROFILE, else None."""
    import os

    if flag:
        return flag, "--profile"
    env = os.environ.get("VTUI_PROFILE", "").strip()
    return (env, "VTUI_PROFILE") if env else None


def _run_journal(args: argparse.Namespace) -> int:
    from vtui.changes.journal_cli import main as journal_main

    argv = ["--limit", str(args.limit)] + (["--json"] if args.json else [])
    return journal_main(argv + (["--profile", args.profile] if args.profile else []))


_COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "login": _run_login,
    "logout": _run_logout,
    "profiles": _run_profiles,
    "journal": _run_journal,
}
