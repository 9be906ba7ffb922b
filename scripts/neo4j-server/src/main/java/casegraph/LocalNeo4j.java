package casegraph;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.cli.ExecutionContext;
import org.neo4j.commandline.admin.security.SetInitialPasswordCommand;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

import picocli.CommandLine;

/**
 * A real Neo4j Community server for casegraph's tests and benchmarks: the embedded
 * DBMS with only the Bolt connector, on a loopback address, with authentication on.
 *
 * <pre>
 * java -cp 'lib/*:casegraph-neo4j-server.jar' casegraph.LocalNeo4j \
 *     --home DIR [--host 127.0.0.1] [--port 17687] [--ready-file FILE] [--pagecache-mb 256]
 * </pre>
 *
 * The password of user {@code neo4j} is read from the environment variable
 * {@code NEO4J_LOCAL_PASSWORD} (default {@code casegraph-test}) so that it does not
 * show in the process list. It is set before the DBMS first starts (the mechanism of
 * {@code neo4j-admin dbms set-initial-password}: an initial {@code data/dbms/auth.ini}),
 * so Bolt never accepts the default password and no password change is required;
 * should that not have taken, {@code ALTER USER ... CHANGE NOT REQUIRED} is the fallback.
 *
 * When the DBMS is up and the password is in place, the ready file is written and
 * {@code READY} is printed. SIGTERM (or Ctrl-C) shuts the DBMS down cleanly.
 * Used by {@code scripts/neo4j-local}.
 */
public final class LocalNeo4j {
    private static final String USER = "neo4j";

    private LocalNeo4j() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            log("FAILED: " + t);
            StringWriter sw = new StringWriter();
            t.printStackTrace(new PrintWriter(sw));
            System.err.print(sw);
            System.err.flush();
            // Runtime.exit (not halt) so the shutdown hook closes whatever did start.
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path home = null;
        String host = "127.0.0.1";
        int port = 17687;
        Path readyFile = null;
        long pagecacheMb = 256;
        long txMemoryMb = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--home" -> home = Path.of(v).toAbsolutePath();
                case "--host" -> host = v;
                case "--port" -> port = Integer.parseInt(v);
                case "--ready-file" -> readyFile = Path.of(v).toAbsolutePath();
                case "--pagecache-mb" -> pagecacheMb = Long.parseLong(v);
                case "--tx-memory-mb" -> txMemoryMb = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (home == null) {
            throw new IllegalArgumentException("--home DIR is required");
        }
        String password = System.getenv().getOrDefault("NEO4J_LOCAL_PASSWORD", "casegraph-test");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("NEO4J_LOCAL_PASSWORD must not be empty");
        }
        if (readyFile != null) {
            Files.deleteIfExists(readyFile);
        }
        Files.createDirectories(home);
        Path data = home.resolve("data");
        Path logs = home.resolve("logs");

        log("Neo4j home " + home + ", Bolt on " + host + ":" + port + ", page cache " + pagecacheMb + "m");

        // 1. Initial password, before the system database exists. Same code path as
        //    `neo4j-admin dbms set-initial-password PASSWORD` (change not required).
        boolean initialPasswordWritten = false;
        try {
            boolean fresh = !Files.exists(data.resolve("databases").resolve("system"));
            if (fresh) {
                ExecutionContext ctx = new ExecutionContext(home, home.resolve("conf"));
                int rc = new CommandLine(new SetInitialPasswordCommand(ctx)).execute(password);
                initialPasswordWritten = rc == 0;
                if (!initialPasswordWritten) {
                    log("set-initial-password exited " + rc + "; will use ALTER USER instead");
                }
            } else {
                log("existing system database: password is set with ALTER USER if needed");
            }
        } catch (Throwable t) {
            log("set-initial-password failed (" + t + "); will use ALTER USER instead");
        }

        // 2. The DBMS: Bolt only, loopback only, auth on, small memory footprint.
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.data_directory, data)
                .setConfig(GraphDatabaseSettings.logs_directory, logs)
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(host))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecacheMb * 1024L * 1024L)
                // Memory per transaction, as a shared server's administrator sets it (0 = unlimited).
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, txMemoryMb * 1024L * 1024L)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // A test server is stopped often: don't let Bolt's Netty linger for ~10 s.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        final Path ready = readyFile;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutting down");
            try {
                if (ready != null) {
                    Files.deleteIfExists(ready);
                }
            } catch (IOException ignored) {
                // best effort
            }
            try {
                dbms.shutdown();
                log("shut down cleanly");
            } catch (Throwable t) {
                log("error during shutdown: " + t);
            }
            stopped.countDown();
        }, "casegraph-neo4j-shutdown"));

        // 3. Make sure the password is the one asked for and needs no change.
        String mechanism = ensurePassword(dbms, password, initialPasswordWritten);

        // Touch the default database so the first client query is not the one paying for it.
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        db.executeTransactionally("RETURN 1");

        if (readyFile != null) {
            Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
            Files.writeString(tmp,
                    "pid=" + ProcessHandle.current().pid() + "\nbolt=bolt://" + host + ":" + port
                            + "\npassword_mechanism=" + mechanism + "\n",
                    StandardCharsets.UTF_8);
            Files.move(tmp, readyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        log("READY bolt://" + host + ":" + port + " (Neo4j " + neo4jVersion(dbms) + ", password via " + mechanism + ")");

        stopped.await();
    }

    private static String ensurePassword(DatabaseManagementService dbms, String password, boolean initialWritten) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        Boolean changeRequired = null;
        try (Transaction tx = system.beginTx();
             Result r = tx.execute("SHOW USERS YIELD user, passwordChangeRequired WHERE user = $u "
                     + "RETURN passwordChangeRequired", Map.of("u", USER))) {
            if (r.hasNext()) {
                changeRequired = (Boolean) r.next().get("passwordChangeRequired");
            }
            tx.commit();
        }
        if (changeRequired == null) {
            throw new IllegalStateException("user " + USER + " does not exist in the system database");
        }
        if (initialWritten && !changeRequired) {
            return "set-initial-password (initial auth.ini)";
        }
        // Fallback: the initial password did not take (or this is an existing system database).
        try {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // "Old password and new password cannot be the same" means it is already right.
            if (!String.valueOf(e.getMessage()).toLowerCase().contains("cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER " + USER + " SET PASSWORD CHANGE NOT REQUIRED");
        }
        return "ALTER USER ... CHANGE NOT REQUIRED";
    }

    private static String neo4jVersion(DatabaseManagementService dbms) {
        try {
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            return system.executeTransactionally(
                    "CALL dbms.components() YIELD versions RETURN versions[0] AS v", Map.of(),
                    r -> r.hasNext() ? String.valueOf(r.next().get("v")) : "?");
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static void log(String msg) {
        System.out.println("[casegraph-neo4j] " + msg);
        System.out.flush();
    }
}
