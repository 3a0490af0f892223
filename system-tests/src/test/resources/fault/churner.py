# One simulated host of the fault tests, run inside its own network namespace: reads "open|close
# <transport> <port>" lines and opens or closes a listener on 0.0.0.0 accordingly, answering "ok" to
# each. Nothing is sent anywhere; probe-service reads the sockets from /proc.
import socket
import sys

held = {}
for line in sys.stdin:
    command, transport, port = line.split()
    key = transport + "/" + port
    if command == "open" and key not in held:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM if transport == "tcp" else socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", int(port)))
        if transport == "tcp":
            s.listen()
        held[key] = s
    elif command == "close" and key in held:
        held.pop(key).close()
    print("ok", flush=True)
