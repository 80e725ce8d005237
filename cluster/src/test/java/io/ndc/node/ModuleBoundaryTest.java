package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The architecture as a test: a service's code never imports another service's classes; services meet on the bus. */
class ModuleBoundaryTest {

  @Test
  void noServiceImportsAnotherService() throws IOException {
    List<String> violations = new ArrayList<>();
    for (ServiceName service : ServiceName.values()) {
      Path sources = Path.of("..", "verticles", service.id(), "src");
      assertThat(sources).isDirectory();
      try (Stream<Path> files = Files.walk(sources)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          for (String line : Files.readAllLines(file)) {
            for (ServiceName other : ServiceName.values()) {
              if (other != service && line.matches("\\s*import\\s+(static\\s+)?io\\.ndc\\." + other.id() + "\\..*")) {
                violations.add(file + ": " + line.trim());
              }
            }
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }
}
