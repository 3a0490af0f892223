# Names itself (as prctl(PR_SET_NAME) does) with the bytes given in hex, opens the listening sockets given after
# it (transport,family,address,port; port 0 = any), prints "ready" and each socket's port, and keeps them until stdin
# closes. IPv6 sockets are IPv6-only, so each is the one socket ss shows.
import socket
import sys

with open("/proc/self/comm", "wb") as comm:
    comm.write(bytes.fromhex(sys.argv[1]))
sockets = []
for spec in sys.argv[2:]:
    transport, family, address, port = spec.split(",")
    s = socket.socket(socket.AF_INET if family == "4" else socket.AF_INET6,
                      socket.SOCK_STREAM if transport == "tcp" else socket.SOCK_DGRAM)
    if family == "6":
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind((address, int(port)))
    if transport == "tcp":
        s.listen()
    sockets.append(s)
print("ready", " ".join(str(s.getsockname()[1]) for s in sockets), flush=True)
sys.stdin.read()
