"""Killing the process in the middle of writing loses nothing committed and leaves a good file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from clinicstudio.store.database import open_database
from clinicstudio.store.models import Post

WRITER = textwrap.dedent(
    """
    import sys
    from clinicstudio.store.database import open_database
    from clinicstudio.store.posts import PostDraft, create_post

    db = open_database(sys.argv[1])
    i = 0
    while True:
        i += 1
        with db.transaction() as session:
            post, _ = create_post(session, PostDraft(body=f"post {i} " + "x" * 3000,
                                                      networks=["facebook", "x"]))
            post_id = post.id
        print(post_id, flush=True)  # only after the commit returned
    """
)


def test_a_killed_writer_loses_no_committed_post(tmp_path: Path) -> None:
    path = tmp_path / "clinic.db"
    open_database(path).close()
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert child.stdout is not None
    committed = [int(child.stdout.readline()) for _ in range(40)]
    child.send_signal(signal.SIGKILL)
    child.wait()
    child.stdout.close()

    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    db = open_database(path)
    with db.transaction() as session:
        stored = {post.id for post in session.query(Post)}
    db.close()
    assert set(committed) <= stored
