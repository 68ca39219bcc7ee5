#!/usr/bin/python3
"""A real SMTP server for tsuikyaku's integration tests (aiosmtpd, Debian's python3-aiosmtpd).

It listens on 127.0.0.1 on a free port and writes that port to --port-file once it
listens. Every message it accepts is written to DIR/messages/NNNNNN.eml exactly as
received (after dot-unstuffing), and DIR/log.jsonl gets one JSON object a line for every
connection, command and message, so that a test can count connections and deliveries.

Behaviour, per run or per recipient (--rule ADDRESS=BEHAVIOUR, --default BEHAVIOUR):
  accept                  250 2.0.0 Ok: queued as QNNNNNN
  rcpt:CODE TEXT          answer RCPT TO with this reply ("rcpt:550 5.1.1 No such user")
  hangup                  close the connection at RCPT TO, before any data, without a reply
  data:CODE TEXT          accept the data, then answer with this reply (not recorded)
  drop                    record the message, then close the connection without a reply
  delay:SECONDS           record the message, answer 250 after SECONDS
Per run:
  --cert/--key            offer STARTTLS (required before anything else) with this pair
  --implicit-tls          TLS from the first byte (smtps://) instead of STARTTLS
  --user/--password       offer AUTH PLAIN and LOGIN and require it
  --refuse-auth           answer every AUTH with 535 5.7.8
  --close-421-after N     after N messages on a connection, answer the next MAIL with
                          421 4.7.0 and close that connection
  --stall-at STEP         go silent for an hour at STEP, after logging {"event": "stall"}:
                          greeting (before it), ehlo, mail, rcpt or data (instead of the
                          reply to that command: the client has handed over no data), or
                          dot (after the data's final dot, instead of the 250: the client
                          has handed over the whole message, which is recorded first)
"""

import argparse
import asyncio
import json
import os
import signal
import ssl
import sys
import time

from aiosmtpd.smtp import SMTP, AuthResult


class Recorder:
    def __init__(self, directory):
        self.directory = directory
        self.messages = os.path.join(directory, "messages")
        os.makedirs(self.messages, exist_ok=True)
        self.log_file = open(os.path.join(directory, "log.jsonl"), "a", buffering=1)
        self.connections = 0
        self.count = 0

    def log(self, **event):
        event["at"] = time.time()
        self.log_file.write(json.dumps(event, sort_keys=True) + "\n")

    def store(self, session, envelope):
        self.count += 1
        name = "%06d.eml" % self.count
        with open(os.path.join(self.messages, name), "wb") as out:
            out.write(envelope.original_content)
        self.log(event="message", connection=session.connection, file=name,
                 mail_from=envelope.mail_from, rcpt_tos=envelope.rcpt_tos,
                 tls=session.tls, user=session.user)
        return "Q%06d" % self.count


def parse_behaviour(text):
    kind, _, arg = text.partition(":")
    if kind not in ("accept", "rcpt", "hangup", "data", "drop", "delay"):
        raise SystemExit("unknown behaviour: " + text)
    return kind, arg


class Handler:
    def __init__(self, options, recorder):
        self.options = options
        self.recorder = recorder
        self.rules = {}
        for rule in options.rule:
            address, _, behaviour = rule.partition("=")
            self.rules[address.lower()] = parse_behaviour(behaviour)
        self.default = parse_behaviour(options.default)

    def behaviour(self, address):
        return self.rules.get(address.lower(), self.default)

    async def stall(self, session, step):
        if self.options.stall_at == step:
            self.recorder.log(event="stall", connection=session.connection, step=step)
            await asyncio.sleep(3600)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.recorder.log(event="command", connection=session.connection, command="EHLO")
        await self.stall(session, "ehlo")
        session.host_name = hostname
        return responses

    async def handle_MAIL(self, server, session, envelope, address, options):
        self.recorder.log(event="command", connection=session.connection, command="MAIL",
                          arg=address)
        await self.stall(session, "mail")
        limit = self.options.close_421_after
        if limit is not None and session.delivered >= limit:
            server.close_after_reply = True
            return "421 4.7.0 Too many messages on one connection, closing"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 2.1.0 Ok"

    async def handle_RCPT(self, server, session, envelope, address, options):
        self.recorder.log(event="command", connection=session.connection, command="RCPT",
                          arg=address)
        await self.stall(session, "rcpt")
        kind, arg = self.behaviour(address)
        if kind == "rcpt":
            return arg
        if kind == "hangup":
            server.transport.abort()
            return "250 2.1.5 Ok (never seen by the client)"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        kind, arg = self.behaviour(envelope.rcpt_tos[0])
        if kind == "data":
            self.recorder.log(event="rejected", connection=session.connection, reply=arg)
            return arg
        queue_id = self.recorder.store(session, envelope)
        session.delivered += 1
        await self.stall(session, "dot")
        if kind == "drop":
            server.transport.abort()
            return "250 2.0.0 Ok: queued as %s (never seen by the client)" % queue_id
        if kind == "delay":
            await asyncio.sleep(float(arg))
        return "250 2.0.0 Ok: queued as %s" % queue_id


class TestSMTP(SMTP):
    """Numbers connections and can close one right after a reply."""

    close_after_reply = False

    def _create_session(self):
        session = super()._create_session()
        recorder = self.event_handler.recorder
        if self._original_transport is None:
            recorder.connections += 1
            recorder.log(event="connect", connection=recorder.connections)
        session.connection = recorder.connections if self.session is None else \
            self.session.connection
        session.tls = self._original_transport is not None or self.implicit_tls
        session.user = self.session.user if self.session is not None else None
        session.delivered = 0
        return session

    async def _handle_client(self):
        await self.event_handler.stall(self.session, "greeting")
        await super()._handle_client()

    async def smtp_DATA(self, arg):
        if self.envelope.rcpt_tos:  # a DATA that would be answered 354
            await self.event_handler.stall(self.session, "data")
        await super().smtp_DATA(arg)

    async def push(self, status):
        await super().push(status)
        if self.close_after_reply:
            self.close_after_reply = False
            self.transport.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--refuse-auth", action="store_true")
    parser.add_argument("--rule", action="append", default=[])
    parser.add_argument("--default", default="accept")
    parser.add_argument("--close-421-after", type=int)
    parser.add_argument("--stall-at", choices=["greeting", "ehlo", "mail", "rcpt", "data", "dot"])
    options = parser.parse_args()

    recorder = Recorder(options.dir)
    handler = Handler(options, recorder)
    context = None
    if options.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(options.cert, options.key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (not options.refuse_auth and auth_data.login.decode() == options.user
              and auth_data.password.decode() == options.password)
        recorder.log(event="auth", connection=session.connection, mechanism=mechanism,
                     ok=ok)
        if ok:
            session.user = options.user
        return AuthResult(success=ok, handled=False)

    def factory():
        server = TestSMTP(
            handler, hostname="localhost",
            tls_context=None if options.implicit_tls else context,
            require_starttls=context is not None and not options.implicit_tls,
            authenticator=authenticator if options.user else None,
            auth_required=options.user is not None,
            auth_require_tls=not options.implicit_tls)
        server.implicit_tls = options.implicit_tls
        return server

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(
        factory, host="127.0.0.1", port=0,
        ssl=context if options.implicit_tls else None))
    port = server.sockets[0].getsockname()[1]
    with open(options.port_file + ".tmp", "w") as out:
        out.write("%d\n" % port)
    os.rename(options.port_file + ".tmp", options.port_file)
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    loop.run_forever()
    server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
