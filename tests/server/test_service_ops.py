"""The server as a service: /readyz checks the database and its schema, /metrics speaks
Prometheus (requests, latency, pool, feed), and `server run --log-format json` logs JSON lines."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

import requests
from fastapi.testclient import TestClient

from clienteling.server.app import create_app
from clienteling.server.config import ServerConfig
from clienteling.server.logs import JsonFormatter
from clienteling.server.migrate import upgrade as migrate

ROOT = Path(__file__).resolve().parents[2]


def test_ready_when_the_database_answers_with_the_current_schema(client, world):
    answer = client.get("/readyz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ready"}
    assert client.get("/healthz").json() == {"status": "ok"}  # unchanged


def test_not_ready_on_a_database_without_the_schema(tmp_path):
    app = create_app(ServerConfig(database_url=f"sqlite:///{tmp_path / 'empty.sqlite3'}"))
    with TestClient(app, raise_server_exceptions=False) as client:
        answer = client.get("/readyz")
        assert answer.status_code == 503
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert "server migrate" in answer.json()["detail"]
        assert client.get("/healthz").status_code == 200  # alive, just not ready


def test_metrics_count_requests_by_route_and_read_the_pool_and_feed(client, world):
    customers = client.get("/api/v1/customers", params={"q": "Martin"}, headers=world.auth())
    assert customers.status_code == 200
    client.get("/no/such/page")
    text = client.get("/metrics").text
    assert re.search(r'clienteling_http_requests_total\{method="GET",route="/api/v1/customers",'
                     r'status="200"\} 1\.0', text)
    assert 'route="unmatched",status="404"' in text
    assert 'clienteling_http_request_duration_seconds_bucket{le="0.005",method="GET",' \
           'route="/api/v1/customers"}' in text
    assert "clienteling_db_pool_checked_out" in text
    assert "clienteling_database_up 1.0" in text
    head = re.search(r"^clienteling_feed_head_position (\S+)$", text, re.MULTILINE)
    assert head and float(head.group(1)) > 0  # the world's stores and products are in the feed
    assert "clienteling_feed_held_back_changes" in text
    assert "clienteling_feed_horizon_lag_transactions" in text


def test_a_json_log_line_carries_its_fields():
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1,
                               '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5", "GET", "/healthz", "1.1", 200), None)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "info" and entry["logger"] == "uvicorn.access"
    assert (entry["method"], entry["path"], entry["status"]) == ("GET", "/healthz", 200)
    assert entry["time"].endswith("+00:00")


def test_server_run_logs_json_lines(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CLIENTELING_LOG_FORMAT": "json"}
    database = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    migrate(database)  # a deploy step of its own: `server run` refuses an unmigrated schema
    process = subprocess.Popen(
        [sys.executable, "-m", "clienteling.cli", "server", "run", "--port", str(port),
         "--database-url", database],
        env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT)
    assert process.stderr is not None
    lines = []
    try:
        for line in process.stderr:  # until Uvicorn says it serves
            lines.append(line)
            if "Uvicorn running" in line or "Application startup complete" in line:
                break
        assert requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200
        assert requests.get(f"http://127.0.0.1:{port}/readyz", timeout=10).status_code == 200
    finally:
        process.send_signal(signal.SIGTERM)  # what systemd and container runtimes send
        process.wait(timeout=30)
    lines += process.stderr.read().splitlines()
    process.stderr.close()
    entries = [json.loads(line) for line in lines if line.strip()]
    assert any("Serving the central API" in e["message"] for e in entries)
    assert any(e.get("path") == "/readyz" and e.get("status") == 200 for e in entries), lines
