import sys

from clinicstudio.cli import main

sys.exit(main())
