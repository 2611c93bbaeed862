# Sourced: stop_process NAME PID SECONDS sends SIGTERM, then waits until the process has exited (SIGKILL after SECONDS),
# so that whoever runs next finds it gone.
stop_process() {
  local name=$1 pid=$2 seconds=$3
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 $((seconds * 10))); do
    kill -0 "$pid" 2>/dev/null || { echo "[stop] stopped $name (pid $pid)" >&2; return 0; }
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  echo "[stop] killed $name (pid $pid): still running after ${seconds} s" >&2
}
