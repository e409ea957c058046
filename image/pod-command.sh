# The gather container's command as `oc adm must-gather` builds it, run with `bash -c` inside the image by the test
# harnesses (image/run-as-pod.sh without a container engine, image/run-with-podman.sh with podman): a disk usage
# checker that stops the gathering above the allowed share of /must-gather, the command (COMMAND_LINE in the
# environment, what `oc adm must-gather -- COMMAND` is given) in a session of its own, then sync.
# One addition to oc's text: the line "command status: N" with the command's exit status, which oc never sees but a
# test checks.
if command -v setsid >/dev/null 2>&1 && command -v ps >/dev/null 2>&1 && command -v pkill >/dev/null 2>&1; then
    HAVE_SESSION_TOOLS=true
else
    HAVE_SESSION_TOOLS=false
fi
echo "session tools: ${HAVE_SESSION_TOOLS}"
setsid -w bash -c "${COMMAND_LINE}; echo \"command status: \$?\"" &
session=$!
(
    while true; do
        usage=$(df -P /must-gather | awk 'NR==2 {print $5}' | sed 's/%//')
        if [ "${usage}" -gt 70 ]; then
            echo "[disk usage checker] Volume usage percentage: current = ${usage} ; allowed = 70"
            pkill --signal SIGKILL --session "${session}" || true
            exit 1
        fi
        sleep 5
    done
) &
checker=$!
wait "${session}"
{ kill -KILL "${checker}" && wait "${checker}"; } 2>/dev/null || true
sync && echo 'Caches written to disk'
