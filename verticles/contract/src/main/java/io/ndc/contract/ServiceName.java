package io.ndc.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The services a node can host; their ids are the words of {@code --services}. */
public enum ServiceName {
  GATEWAY,
  AUTH,
  COLLECTOR,
  STORAGE,
  ANALYSIS,
  NOTIFICATION;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ServiceName of(String id) {
    for (ServiceName s : values()) {
      if (s.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown service '" + id + "' (known: " + String.join(",", ids(Arrays.asList(values()))) + ", all)");
  }

  public static List<String> ids(List<ServiceName> services) {
    return services.stream().map(ServiceName::id).toList();
  }
}
