import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline of scripts/bench/rest.sh: a bare Vert.x HTTP server answering every request with the same JSON
 * bytes NDC returned, so the comparison isolates what the gateway adds (JWT check, rate limit, bus hop, service).
 * Usage: java -cp ndc.jar BareServer.java PORT BODY_FILE
 */
public class BareServer {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[1])));
    Vertx vertx = Vertx.vertx();
    vertx.createHttpServer()
        .requestHandler(req -> req.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body))
        .listen(port, "127.0.0.1")
        .await();
    System.out.println("bare server listening on " + port);
  }
}
