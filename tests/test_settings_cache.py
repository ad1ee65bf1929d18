"""REDIS_URL switches the cache to Redis; without it the site needs no Redis at all."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache.backends.redis import RedisCache
from django.utils.module_loading import import_string

REPO = Path(__file__).resolve().parents[1]
REDIS = ("127.0.0.1", 6379)


def _cache_setting(**env):
    clean = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    clean.update(env)
    code = "import json, config.settings as s; print(json.dumps(s.CACHES['default']))"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=clean,
                            capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(result.stdout)


def _redis_answers():
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


def test_without_redis_url_the_cache_is_local_memory():
    assert _cache_setting()["BACKEND"].endswith("LocMemCache")


def test_redis_url_selects_djangos_redis_cache_guarded_against_outages():
    cache = _cache_setting(REDIS_URL="redis://127.0.0.1:6379/3")
    assert issubclass(import_string(cache["BACKEND"]), RedisCache)
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/3"


@pytest.mark.skipif(not _redis_answers(), reason="no Redis server on 127.0.0.1:6379")
def test_the_redis_cache_stores_and_returns_values():
    cache = RedisCache("redis://127.0.0.1:6379/3", {"KEY_PREFIX": "gutcheck-test"})
    cache.set("probe", {"claims": 3}, timeout=30)
    assert cache.get("probe") == {"claims": 3}
    cache.delete("probe")
