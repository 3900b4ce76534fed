#!/bin/sh
# Starts `actorsync node` with one more HOCON layer written here, because Akka's HOCON has no
# ${?ENV} substitution: the address other nodes reach this one on differs per container.
#   ACTORSYNC_PUBLIC_HOSTNAME  the DNS name the other nodes (and the seed-node list) use for this
#                              node; default: this container's hostname.
# Any other command (`actorsync cluster show`, `odoo check`, ...) runs as given.
set -eu

run_dir=/run/actorsync

if [ "${1:-}" != "node" ]; then
  exec dotnet /app/actorsync.dll "$@"
fi
shift

public_hostname="${ACTORSYNC_PUBLIC_HOSTNAME:-$(hostname)}"
case "$public_hostname" in
  ""|*[!A-Za-z0-9.-]*)
    echo "docker-entrypoint: ACTORSYNC_PUBLIC_HOSTNAME '$public_hostname' is not a DNS name" >&2
    exit 2
    ;;
esac

# Bind on every interface (container.conf), advertise the name the seed nodes use.
cat > "$run_dir/pod.conf" <<HOCON
akka.remote.dot-netty.tcp.public-hostname = "$public_hostname"
HOCON

# exec: dotnet becomes PID 1 and gets SIGTERM itself, so the node leaves the cluster gracefully.
exec dotnet /app/actorsync.dll node "$@" --config "$run_dir/pod.conf"
