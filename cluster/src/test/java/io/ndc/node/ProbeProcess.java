package io.ndc.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Drives a client in another process over a line protocol: commands on its stdin, {@code OPEN}, {@code FRAME <ms> <text>}
 * and {@code CLOSED <code> <reason>} on its stdout. The clients: {@link WsProbe} (JDK WebSocket, another JVM), the
 * official Vert.x event-bus JavaScript client over SockJS under Node, and a Python TCP-bridge client.
 */
public final class ProbeProcess implements AutoCloseable {
  private final Process process;
  private final PrintWriter stdin;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private ProbeProcess(Process process) {
    this.process = process;
    this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // process ended
      }
      lines.add("EOF");
    }, "ws-probe-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** A WebSocket client in another JVM, connected to {@code url}. */
  public static ProbeProcess connect(String url) throws Exception {
    return start(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), WsProbe.class.getName(), url));
  }

  /** Any probe command; returns once it printed {@code OPEN}. */
  public static ProbeProcess start(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    ProbeProcess probe = new ProbeProcess(process);
    probe.await(l -> l.equals("OPEN"), 30_000);
    return probe;
  }

  public void send(String text) {
    command("send " + text);
  }

  /** One raw command line for the probe. */
  public void command(String line) {
    stdin.println(line);
  }

  public void pause() {
    command("pause");
  }

  public void resume() {
    command("resume");
  }

  /** The next line matching, skipping others (kept in {@link #seen()}); fails after the timeout. */
  public String await(Predicate<String> match, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.MILLISECONDS);
      if (line == null) {
        throw new AssertionError("no matching line within " + timeoutMs + " ms; seen: " + tail());
      }
      seen.add(line);
      if (match.test(line)) {
        return line;
      }
      if (line.equals("EOF")) {
        throw new AssertionError("probe ended; seen: " + tail());
      }
    }
  }

  /** The next frame (JSON text) whose text contains every fragment. */
  public String frame(long timeoutMs, String... fragments) throws InterruptedException {
    return await(l -> {
      if (!l.startsWith("FRAME ")) {
        return false;
      }
      for (String f : fragments) {
        if (!l.contains(f)) {
          return false;
        }
      }
      return true;
    }, timeoutMs).replaceFirst("^FRAME \\d+ ", "");
  }

  /** A received frame and when the probe received it. */
  public record Received(long atMs, String text) {
  }

  /** Collects {@code count} frames containing {@code fragment}, with their receive times. */
  public List<Received> frames(int count, String fragment, long timeoutMs) throws InterruptedException {
    List<Received> frames = new ArrayList<>(count);
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (frames.size() < count) {
      String line = await(l -> l.startsWith("FRAME ") && l.contains(fragment), Math.max(1, deadline - System.currentTimeMillis()));
      int space = line.indexOf(' ', 6);
      frames.add(new Received(Long.parseLong(line.substring(6, space)), line.substring(space + 1)));
    }
    return frames;
  }

  /** Waits for the close and returns {@code "<code> <reason>"}. */
  public String closed(long timeoutMs) throws InterruptedException {
    return await(l -> l.startsWith("CLOSED "), timeoutMs).substring(7);
  }

  public List<String> seen() {
    return seen;
  }

  /** Lines received but not yet consumed by an await. */
  public List<String> drainPending() {
    List<String> pending = new ArrayList<>();
    lines.drainTo(pending);
    seen.addAll(pending);
    return pending;
  }

  private String tail() {
    return seen.subList(Math.max(0, seen.size() - 8), seen.size()).stream()
        .map(l -> l.length() > 160 ? l.substring(0, 160) + "..." : l).toList().toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }
}
