"""Twisted baseline for `Bench compare`: echo or qotd on 127.0.0.1.

Usage: python3 twisted_baseline.py echo|qotd PORT
Prints "listening on 127.0.0.1:PORT" when ready; Twisted stops the reactor on SIGINT/SIGTERM.
"""
import sys

from twisted.internet import protocol, reactor

QUOTE = b"A connection is an actor; a byte is a message; a close is the last one.\r\n"


class Echo(protocol.Protocol):
    def connectionMade(self):
        # Kestrel turns Nagle off by default; Twisted does not. Without this, small echoes wait on
        # delayed ACKs and the comparison measures Nagle, not the server.
        self.transport.setTcpNoDelay(True)

    def dataReceived(self, data):
        self.transport.write(data)


class Qotd(protocol.Protocol):
    def connectionMade(self):
        self.transport.write(QUOTE)
        self.transport.loseConnection()


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    factory = protocol.Factory.forProtocol({"echo": Echo, "qotd": Qotd}[mode])
    # Twisted's default backlog is 50: far too small for 1,000 connections opened in a burst.
    port = reactor.listenTCP(port, factory, backlog=1024, interface="127.0.0.1")
    print(f"listening on 127.0.0.1:{port.getHost().port}", flush=True)
    reactor.run()


if __name__ == "__main__":
    main()
