"""Build hook: ship the top-level resources/ folder inside the package as clinicstudio/_resources,
and the user guide (docs/guide and its pictures) as clinicstudio/_docs, for the Help menu.

Everything else about the build is in pyproject.toml. In a source checkout (and an editable
install) the program reads resources/ directly; see clinicstudio/resources.py.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).resolve().parent / "resources"
        target = Path(self.build_lib) / "clinicstudio" / "_resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        docs = Path(__file__).resolve().parent / "docs"
        docs_target = Path(self.build_lib) / "clinicstudio" / "_docs"
        if docs_target.exists():
            shutil.rmtree(docs_target)
        # The guide and the pictures it shows; the technical notes stay in the repository.
        shutil.copytree(docs, docs_target, ignore=shutil.ignore_patterns("technical"))


setup(cmdclass={"build_py": BuildWithResources})
