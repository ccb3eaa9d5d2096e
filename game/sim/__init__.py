"""Pure-data simulation: scenes, world state and animation as plain data and numpy.

Nothing here imports moderngl or pygame (``tests/unit/test_sim_purity.py`` enforces
it), so every part of the simulation runs in a test without a window or a GPU.
"""
