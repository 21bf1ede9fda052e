package io.computeatlas.neo4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Runs Neo4j Community in-process with only the Bolt connector, so the Node service can use a
 * real database without Docker or a separately installed server.
 *
 * <p>Protocol with the parent process: exactly one {@code NEO4J_READY bolt://host:port} line on
 * stdout once clients can connect, or one {@code NEO4J_FAILED reason} line on stderr and exit
 * code 1. Everything else (Neo4j's own chatter included) goes to stderr or to the log files under
 * the data dir, so the parent can parse stdout without filtering.
 *
 * <p>The password comes as the first line of stdin ({@code --password-stdin}), never as an
 * argument: any local user can read a process's command line.
 */
public final class EmbeddedNeo4j {

    private static final String USER = "neo4j";
    private static final long DB_AVAILABLE_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(5);

    /** Set once the DBMS is built; the shutdown hook may run before that (early SIGTERM). */
    private static volatile DatabaseManagementService managementService;

    private EmbeddedNeo4j() {}

    record Options(
            Path dataDir,
            String boltHost,
            int boltPort,
            boolean passwordOnStdin,
            String pagecache,
            boolean exitOnStdinEof) {}

    /** A startup problem whose message is already fit to show to a person. */
    static final class StartupFailure extends Exception {
        StartupFailure(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        // Keep stdout reserved for the READY line: anything the libraries print lands on stderr.
        PrintStream protocolOut = System.out;
        System.setOut(System.err);
        // The Neo4j server passes these as -D flags; they must be set before Neo4j's classes load.
        // JMX registration of the loggers is useless here, and Netty needs the reflective access
        // to direct buffers that the manifest's Add-Opens grants.
        System.setProperty("log4j2.disable.jmx", "true");
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");

        try {
            Options options = parseArgs(args);
            // Read before the EOF watcher takes over stdin.
            String password = options.passwordOnStdin() ? readPasswordLine(System.in) : null;
            if (options.exitOnStdinEof()) {
                watchStdin();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedNeo4j::shutdown, "neo4j-shutdown"));

            String uri = start(options, password);
            protocolOut.println("NEO4J_READY " + uri);
            protocolOut.flush();
        } catch (Throwable t) {
            fail(t);
        }
        // main returns; Neo4j's non-daemon threads keep the JVM alive until a signal or stdin EOF.
    }

    static Options parseArgs(String[] args) throws StartupFailure {
        Path dataDir = null;
        Integer boltPort = null;
        String boltHost = "127.0.0.1";
        boolean passwordOnStdin = false;
        String pagecache = "256m";
        boolean exitOnStdinEof = false;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                case "--bolt-port" -> {
                    String raw = value(args, ++i, arg);
                    try {
                        boltPort = Integer.parseInt(raw);
                    } catch (NumberFormatException e) {
                        throw new StartupFailure("--bolt-port must be a number, got '" + raw + "'");
                    }
                    if (boltPort < 0 || boltPort > 65535) {
                        throw new StartupFailure("--bolt-port must be between 0 and 65535, got " + boltPort);
                    }
                }
                case "--bolt-host" -> boltHost = value(args, ++i, arg);
                case "--password-stdin" -> passwordOnStdin = true;
                case "--pagecache" -> pagecache = value(args, ++i, arg);
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                default -> throw new StartupFailure("unknown argument '" + arg + "'; usage: " + usage());
            }
        }
        if (dataDir == null) {
            throw new StartupFailure("--data-dir is required; usage: " + usage());
        }
        if (boltPort == null) {
            throw new StartupFailure("--bolt-port is required; usage: " + usage());
        }
        return new Options(dataDir, boltHost, boltPort, passwordOnStdin, pagecache, exitOnStdinEof);
    }

    private static String value(String[] args, int i, String flag) throws StartupFailure {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new StartupFailure(flag + " needs a value");
        }
        return args[i];
    }

    private static String usage() {
        return "--data-dir DIR --bolt-port N [--bolt-host HOST] [--password-stdin] [--pagecache SIZE]"
                + " [--exit-on-stdin-eof]";
    }

    /**
     * Reads byte by byte up to the newline, so nothing after it is consumed: with
     * --exit-on-stdin-eof the rest of the stream still belongs to the EOF watcher.
     */
    static String readPasswordLine(InputStream in) throws IOException, StartupFailure {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new StartupFailure("--password-stdin: stdin closed before a password line was read");
            }
            line.write(b);
        }
        String password = line.toString(StandardCharsets.UTF_8);
        if (password.endsWith("\r")) {
            password = password.substring(0, password.length() - 1);
        }
        if (password.isEmpty()) {
            throw new StartupFailure("--password-stdin: the password must not be empty (omit the flag to disable auth)");
        }
        return password;
    }

    /** A null password disables authentication. */
    static String start(Options o, String password) throws Exception {
        try {
            Files.createDirectories(o.dataDir());
        } catch (IOException e) {
            throw new StartupFailure("cannot create data dir " + o.dataDir() + ": " + e.getMessage());
        }

        boolean authEnabled = password != null;
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(o.dataDir())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(o.boltHost(), o.boltPort()))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(o.boltHost(), o.boltPort()))
                // Loopback dev database: TLS would only force every client to configure trust.
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, authEnabled)
                // The password is chosen by whoever starts the service; Neo4j's 8-char minimum
                // would only make short dev passwords fail at ALTER USER time.
                .setConfig(GraphDatabaseSettings.auth_minimum_password_length, 1)
                // This machine may not phone home, and a hung usage report must not delay startup.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Size the store for its data: by default each database (neo4j and system)
                // preallocates a 256 MiB transaction log, ~515 MB on disk for a few hundred nodes.
                // Recovery needs only the logs since the last checkpoint, so keep two small files.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 16L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                // Netty's graceful shutdown otherwise idles 5 s per Bolt event-loop group (two of
                // them), which made every stop and every failed start take 10+ s. Open client
                // connections are being dropped anyway when the launcher stops.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5));
        try {
            builder.setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(o.pagecache()));
        } catch (IllegalArgumentException e) {
            throw new StartupFailure("--pagecache: " + e.getMessage());
        }

        managementService = builder.build();

        GraphDatabaseService db = managementService.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(DB_AVAILABLE_TIMEOUT_MS)) {
            throw new StartupFailure("default database '" + GraphDatabaseSettings.DEFAULT_DATABASE_NAME
                    + "' did not become available within " + DB_AVAILABLE_TIMEOUT_MS / 1000 + " s"
                    + " (see " + o.dataDir().resolve("logs/debug.log") + ")");
        }

        if (authEnabled) {
            setPassword(password);
        }

        // Port 0 asks the OS for a free port; the register knows which one Bolt actually got.
        int port = o.boltPort();
        HostnamePort bound = ((GraphDatabaseAPI) db)
                .getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        if (bound != null && bound.getPort() > 0) {
            port = bound.getPort();
        }
        if (port == 0) {
            throw new StartupFailure("Bolt connector did not report a listening port");
        }
        awaitBoltAccepting(o.boltHost(), port);

        return "bolt://" + uriHost(o.boltHost()) + ":" + port;
    }

    /**
     * Runs through the embedded API, which is not subject to auth, so it works both on a fresh
     * store (default password, change required) and on a store whose password was set before.
     */
    private static void setPassword(String password) throws StartupFailure {
        GraphDatabaseService system = managementService.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            if (!isSamePasswordError(e)) {
                throw new StartupFailure("could not set the password of user '" + USER + "': " + rootMessage(e));
            }
            // The store already has this password (every restart after the first). Clear the
            // change-required flag anyway, in case the password was set elsewhere without doing so.
            system.executeTransactionally("ALTER USER " + USER + " SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    private static boolean isSamePasswordError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("Old password and new password cannot be the same")) {
                return true;
            }
        }
        return false;
    }

    /**
     * build() returns once the connector is bound, but the promise to the parent is that a client
     * can connect, so check that with a real TCP connect rather than trusting lifecycle order.
     */
    private static void awaitBoltAccepting(String host, int port) throws StartupFailure, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new StartupFailure("Bolt connector on " + host + ":" + port + " does not accept connections"
                + (last != null ? ": " + last.getMessage() : ""));
    }

    private static String uriHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Accepts the sizes people write in neo4j.conf: 512m, 2g, 1024k, or plain bytes. */
    static long parseBytes(String raw) {
        String s = raw.trim().toLowerCase();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        long multiplier = 1;
        char unit = s.charAt(s.length() - 1);
        if (unit == 'b' && s.length() > 1 && Character.isLetter(s.charAt(s.length() - 2))) {
            s = s.substring(0, s.length() - 1);
            unit = s.charAt(s.length() - 1);
        }
        switch (unit) {
            case 'k' -> multiplier = 1L << 10;
            case 'm' -> multiplier = 1L << 20;
            case 'g' -> multiplier = 1L << 30;
            case 't' -> multiplier = 1L << 40;
            default -> {
                if (!Character.isDigit(unit)) {
                    throw new IllegalArgumentException("unknown size unit in '" + raw + "' (use k, m, g)");
                }
            }
        }
        String digits = Character.isDigit(unit) ? s : s.substring(0, s.length() - 1);
        try {
            long n = Long.parseLong(digits.trim());
            if (n <= 0) {
                throw new IllegalArgumentException("size must be positive: '" + raw + "'");
            }
            return Math.multiplyExact(n, multiplier);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size: '" + raw + "'");
        }
    }

    /**
     * The parent holds our stdin open and writes nothing after the password line; EOF therefore
     * means the parent is gone (even if it was SIGKILLed), and an orphaned database would keep the
     * store lock and port.
     */
    private static void watchStdin() {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[256];
            try (InputStream in = System.in) {
                while (in.read(buf) >= 0) {
                    // Ignore anything written; only EOF matters.
                }
            } catch (IOException ignored) {
                // A broken pipe means the same thing as EOF.
            }
            System.exit(0);
        }, "stdin-eof-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void shutdown() {
        DatabaseManagementService service = managementService;
        managementService = null;
        if (service == null) {
            return;
        }
        try {
            service.shutdown();
        } catch (Throwable t) {
            System.err.println("neo4j shutdown failed: " + rootMessage(t));
        }
    }

    private static void fail(Throwable t) {
        // Whatever happens during teardown, the parent must see an exit rather than a hang.
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(20));
            } catch (InterruptedException ignored) {
                // fall through to halt
            }
            Runtime.getRuntime().halt(1);
        }, "failure-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        if (!(t instanceof StartupFailure)) {
            t.printStackTrace(System.err);
        }
        System.err.println("NEO4J_FAILED " + describe(t));
        System.err.flush();
        System.exit(1);
    }

    static String describe(Throwable t) {
        if (t instanceof StartupFailure) {
            return oneLine(t.getMessage());
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BindException) {
                return oneLine("Bolt address is already in use or cannot be bound (" + c.getMessage()
                        + "); pick another --bolt-port");
            }
            String name = c.getClass().getSimpleName();
            if (name.equals("FileLockException")) {
                return oneLine("the data dir is locked by another Neo4j process (" + c.getMessage()
                        + "); stop the other instance or use a different --data-dir");
            }
        }
        String top = t.getMessage() != null ? t.getMessage() : t.getClass().getName();
        String root = rootMessage(t);
        return oneLine(top.equals(root) ? top : top + ": " + root);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getName();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
