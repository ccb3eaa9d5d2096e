"""Allow ``python -m game`` to behave exactly like the ``voxroom`` console script."""

from game.cli import main
from game.workers import leave

leave(main())
