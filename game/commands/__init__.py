"""Sub-commands of the ``voxroom`` CLI, one module each with ``register(subparsers)``."""
