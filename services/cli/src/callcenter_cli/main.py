"""callcenter: run the platform locally (`up`), watch its events (`tail`), create topics."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
from pathlib import Path

from callcenter_cli.services import local_config
from chassis.topics import Topics, ensure_topics

REPO_ROOT = Path(os.environ.get("CALLCENTER_ROOT", Path.cwd()))


def _bootstrap(config: dict[str, str]) -> str:
    return os.environ.get("KAFKA_BOOTSTRAP_SERVERS") or f"127.0.0.1:{config['KAFKA_HOST_PORT']}"


def main() -> None:
    parser = argparse.ArgumentParser(prog="callcenter", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    up_command = commands.add_parser(
        "up", help="start the broker, the topics, every service and the simulator; Ctrl-C stops"
    )
    up_command.add_argument(
        "--scenario",
        help="the simulator's scenario (default: $SIMULATOR_SCENARIO, else "
        "deploy/scenarios/small-center.yaml; SIMULATOR_TIME_SCALE overrides its time scale)",
    )
    up_command.add_argument(
        "--no-simulator", action="store_true", help="no simulated calls (or SIMULATOR_SCENARIO=)"
    )
    tail = commands.add_parser("tail", help="print a topic's events, decoded, as they arrive")
    tail.add_argument(
        "topic", help="'calls', 'agents', 'alerts', 'intervals', 'commands' or a full topic name"
    )
    tail.add_argument("--from-beginning", action="store_true")
    commands.add_parser("topics", help="create the platform's topics (idempotent)")
    args = parser.parse_args()

    config = local_config(REPO_ROOT)
    topics = Topics(config["TOPIC_PREFIX"])
    if args.command == "up":
        from callcenter_cli.simulation import chosen_scenario
        from callcenter_cli.up import up

        scenario = chosen_scenario(REPO_ROOT, args.scenario, args.no_simulator)
        raise SystemExit(asyncio.run(up(REPO_ROOT, scenario)))
    if args.command == "topics":
        asyncio.run(
            ensure_topics(_bootstrap(config), topics.all_topics(), int(config["KAFKA_PARTITIONS"]))
        )
    elif args.command == "tail":
        from callcenter_cli.tail import tail as run_tail

        topic = topics.by_short_name().get(args.topic, args.topic)
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(run_tail(_bootstrap(config), topics, topic, args.from_beginning))
