# Sourced by scripts/demo and scripts/test: make .venv hold the project (editable) and, with
# `ensure_venv dev`, its dev group; from the repository root, with $PY the Python to build it from.
#
# The install runs only when it could change something: on a new machine, or when pyproject.toml
# (dependencies, entry points) changed since the last install into this venv. The sources are
# installed editable, so editing code never needs a reinstall. A stamp in .venv records what was
# installed, written only after the install succeeded; deleting .venv starts over.

ensure_venv() {
  local what=${1:-runtime} stamp=.venv/.surveybot-installed wanted
  wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ -x .venv/bin/surveybot ] && .venv/bin/python -c "" 2>/dev/null && _stamp_covers "$stamp" "$wanted" "$what"; then
    return 0
  fi
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  echo "setting up .venv ($what): first run, or pyproject.toml changed" >&2
  local group=(); [ "$what" = dev ] && group=(--group dev)
  .venv/bin/python -m pip install -q --upgrade pip
  # setuptools warns about every editable install (a local folder named like the package could
  # shadow it); the repository root is that folder on purpose, so the warning is noise here.
  PYTHONWARNINGS="ignore:Editable installation" .venv/bin/python -m pip install -q -e . "${group[@]}"
  echo "$wanted $what" > "$stamp"
}

# A dev install covers what the runtime needs too, so scripts/demo after scripts/test installs nothing.
_stamp_covers() {
  local stamp=$1 wanted=$2 what=$3 hash kind
  [ -f "$stamp" ] && read -r hash kind < "$stamp" || return 1
  [ "$hash" = "$wanted" ] && { [ "$kind" = "$what" ] || [ "$kind" = dev ]; }
}
