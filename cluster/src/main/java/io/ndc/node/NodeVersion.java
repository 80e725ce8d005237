package io.ndc.node;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version} and reported in the OpenAPI document. */
public final class NodeVersion implements IVersionProvider {
  static String version() {
    String v = NodeVersion.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"NDC " + version()};
  }
}
