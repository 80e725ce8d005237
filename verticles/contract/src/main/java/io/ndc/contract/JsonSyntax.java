package io.ndc.contract;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * What is wrong with JSON that did not parse, in NDC's words, with the line and column where the parser stopped:
 * the parser's own message names its features and limits (StreamReadFeature, StreamReadConstraints, ...), which
 * tell a client nothing and an attacker which library answers.
 */
public final class JsonSyntax {

  private JsonSyntax() {
  }

  /** {@code what} (e.g. "request body") and the problem, for a decode failure or its cause. */
  public static String describe(String what, Throwable error) {
    Throwable cause = error;
    while (cause != null && !(cause instanceof JsonProcessingException)) {
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    if (!(cause instanceof JsonProcessingException parse)) {
      return what + " is not valid JSON";
    }
    String problem = parse instanceof StreamConstraintsException
        ? " nests deeper or holds a longer number or text than NDC reads" : " is not valid JSON";
    return what + problem + where(parse.getLocation());
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
