// The baseline of bench/send/run: nodemailer's pooled SMTP transport, 4 connections, sends
// every .eml file of a folder as it is (raw), each to the recipient in its To: header.
//   node nodemailer_send.js PORT FOLDER [nodelay]
// Prints the number of messages and the seconds they took. With `nodelay` its sockets
// get TCP_NODELAY, as curl's have by default: without it, Nagle's algorithm holds the
// end of each message until the server's delayed ACK, some 40 ms on loopback.
"use strict";
const fs = require("fs");
const net = require("net");
const path = require("path");
const nodemailer = require("nodemailer");

async function main() {
  const [port, folder, mode] = process.argv.slice(2);
  const files = fs.readdirSync(folder).filter((name) => name.endsWith(".eml"));
  const messages = files.map((name) => {
    const raw = fs.readFileSync(path.join(folder, name));
    const to = /^To: .*?<?([^<>\s]+@[^<>\s]+)>?\r?$/m.exec(raw.toString("utf8"))[1];
    return { raw, to };
  });
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: Number(port),
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 4,
    maxMessages: Infinity,
    getSocket:
      mode === "nodelay"
        ? (options, callback) => {
            const socket = net.connect(options.port, options.host, () =>
              callback(null, { connection: socket })
            );
            socket.setNoDelay(true);
            socket.once("error", (error) => callback(error));
          }
        : undefined,
  });
  const start = process.hrtime.bigint();
  await Promise.all(
    messages.map((m) =>
      transport.sendMail({ envelope: { from: "hello@kaede.example", to: m.to }, raw: m.raw })
    )
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  transport.close();
  console.log(`${messages.length} ${seconds.toFixed(3)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
