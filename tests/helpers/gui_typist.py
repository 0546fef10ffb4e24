"""A real studio process that types into a new post and then keeps running until it is killed.

Run as ``python -m tests.helpers.gui_typist DB_PATH TEXT``; prints ``TYPED <post id>`` once the
keystrokes are in the editor. The autosave test kills it with SIGKILL and reads the database.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtTest import QTest

from clinicstudio.store.database import open_database
from clinicstudio.ui.application import create_app
from clinicstudio.ui.main_window import MainWindow
from tests.helpers.gui_window import make_studio


def main(db_path: str, text: str) -> int:
    app = create_app()
    studio = make_studio(open_database(db_path))
    window = MainWindow(studio)
    window.show()

    def typed(_state: object) -> None:
        window.editor.reviewed.disconnect(typed)
        editor = window.editor.main_text
        editor.setFocus()
        QTest.keyClicks(editor, text)
        post = window.editor.post
        print(f"TYPED {post.id if post else 0}", flush=True)

    window.editor.reviewed.connect(typed)
    window.editor.new_post()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
