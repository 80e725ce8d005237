package io.ndc.node;

import io.ndc.platform.testing.TestConfig;
import io.ndc.platform.testing.Waits;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A node in its own JVM, started from the shaded jar exactly as {@code scripts/ndc} starts it. Output goes to files
 * under target/ so a failing test leaves the node's own words behind.
 */
public final class NodeProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("NDC ready services=(\\S+) http=(\\S+) bridge=(\\S+) cluster=(on|off)");

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final String name;
  private String readyLine;

  private NodeProcess(String name, Process process, Path stdout, Path stderr) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static Path jar() {
    String jar = System.getProperty("ndc.jar", "target/ndc.jar");
    if (!Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("node jar " + jar + " is missing: run mvn package first");
    }
    return Path.of(jar);
  }

  /** The environment of a test node: its database, node id and admin password, a cluster and Redis keys of its own. */
  public static Map<String, String> testEnv(String db, String nodeId, String adminPassword) {
    Map<String, String> env = new HashMap<>();
    env.put("NDC_PG_URL", TestConfig.PG_SERVER + "/" + db);
    env.put("NDC__node__id", nodeId);
    env.put("NDC_ADMIN_PASSWORD", adminPassword);
    env.put("NDC_SECRET_KEY", "test secret key " + db);
    env.put("NDC__cluster__name", db);
    env.put("NDC__redis_prefix", "test:" + db + ":");
    return env;
  }

  public static NodeProcess start(String name, Map<String, String> env, String... args) throws IOException {
    Path logs = Path.of("target", "node-logs");
    Files.createDirectories(logs);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dvertx.cacheDirBase=" + logs.toAbsolutePath().resolve(name + "-vertx"),
        "-jar", jar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("NDC_CONF_DIR", Path.of("..", "conf").toAbsolutePath().normalize().toString());
    // test nodes never take the fixed default bridge port: another node or process may hold it
    builder.environment().put("NDC_BRIDGE_PORT", "0");
    builder.environment().putAll(env);
    return new NodeProcess(name, builder.start(), out, err);
  }

  /** Waits for the ready line; fails with the node's stderr when it exits or takes too long. */
  public NodeProcess awaitReady(long timeoutMs) throws Exception {
    try {
      readyLine = Waits.await(name + " ready").atMost(Duration.ofMillis(timeoutMs))
          .failFast(name + " exited", () -> !process.isAlive() && !READY.matcher(Files.readString(stdout)).find())
          .until(() -> {
            Matcher m = READY.matcher(Files.readString(stdout));
            return m.find() ? m.group() : null;
          }, Objects::nonNull);
      return this;
    } catch (TerminalFailureException e) {
      throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + Files.readString(stderr), e);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(name + " not ready after " + timeoutMs + " ms: " + Files.readString(stderr), e);
    }
  }

  public String readyLine() {
    return readyLine;
  }

  public int httpPort() {
    Matcher m = READY.matcher(readyLine);
    if (!m.find()) {
      throw new IllegalStateException("no ready line yet");
    }
    return Integer.parseInt(m.group(2));
  }

  public String stdout() throws IOException {
    return Files.readString(stdout);
  }

  public String stderr() throws IOException {
    return Files.readString(stderr);
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no drain, no goodbye to the cluster. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** SIGTERM without waiting (to stop several nodes at once). */
  public void signalTerm() {
    process.destroy();
  }

  /** SIGTERM; returns the exit code, or -1 if the node did not exit in time. */
  public int terminate(long timeoutMs) throws InterruptedException {
    process.destroy();
    return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  public int waitForExit(long timeoutMs) throws InterruptedException {
    return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
