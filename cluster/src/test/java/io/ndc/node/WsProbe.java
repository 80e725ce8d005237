package io.ndc.node;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A WebSocket client in its own JVM (the JDK's java.net.http client), driven line by line over stdin:
 * {@code send <text>}, {@code pause} (stop reading: the server sees a client that cannot keep up), {@code resume},
 * {@code close}. It prints {@code FRAME <received epoch ms> <text>} per text message and {@code CLOSED <code> <reason>}.
 */
public final class WsProbe {
  private WsProbe() {
  }

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    AtomicBoolean paused = new AtomicBoolean();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    WebSocket.Listener listener = new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public void onOpen(WebSocket ws) {
        out.println("OPEN");
        ws.request(1);
      }

      @Override
      public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          out.println("FRAME " + System.currentTimeMillis() + " " + partial.toString().replace('\n', ' '));
          partial.setLength(0);
        }
        if (!paused.get()) {
          ws.request(1);
        }
        return null;
      }

      @Override
      public CompletionStage<?> onPing(WebSocket ws, java.nio.ByteBuffer message) {
        out.println("PING");
        // the JDK client answers every ping with a pong by itself
        ws.request(1);
        return null;
      }

      @Override
      public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
        out.println("CLOSED " + code + " " + reason);
        closed.complete(null);
        return null;
      }

      @Override
      public void onError(WebSocket ws, Throwable error) {
        out.println("CLOSED -1 " + error);
        closed.complete(null);
      }
    };
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(args[0]), listener).join();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null && !closed.isDone()) {
      if (line.startsWith("send ")) {
        ws.sendText(line.substring(5), true).join();
      } else if (line.equals("pause")) {
        paused.set(true);
      } else if (line.equals("resume")) {
        paused.set(false);
        ws.request(1);
      } else if (line.equals("close")) {
        ws.sendClose(1000, "bye").join();
      }
    }
    closed.get();
  }
}
