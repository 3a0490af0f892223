# Binds a TCP listener with SO_REUSEPORT on the address and port given, prints "ready", and keeps it until
# stdin closes: two of these on one address and port are two sockets, as a hijacker next to a real service.
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
s.bind((sys.argv[1], int(sys.argv[2])))
s.listen()
print("ready", flush=True)
sys.stdin.read()
