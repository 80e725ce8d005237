package io.ndc.contract.storage;

import io.ndc.contract.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ndc.storage.instruments.upsert}: {@code {"instruments":[...]}} (1 to {@value #MAX} of them), or one
 * instrument's fields at the top level ({@code PUT /stocks/{symbol}}). Replies {@code {"items":[instrument]}}.
 */
public record InstrumentUpsert(List<Instrument> instruments) {
  public static final int MAX = 10_000;

  public InstrumentUpsert {
    instruments = List.copyOf(instruments);
    if (instruments.isEmpty() || instruments.size() > MAX) {
      throw Failure.validation("instruments must hold 1 to " + MAX + " entries");
    }
  }

  public static InstrumentUpsert of(Instrument instrument) {
    return new InstrumentUpsert(List.of(instrument));
  }

  public static InstrumentUpsert fromJson(JsonObject json) {
    if (!json.containsKey("instruments")) {
      return of(Instrument.fromJson(json));
    }
    if (!(json.getValue("instruments") instanceof JsonArray given)) {
      throw Failure.validation("instruments must be a list of instruments");
    }
    if (given.size() > MAX) {
      throw Failure.validation("instruments must hold 1 to " + MAX + " entries");
    }
    List<Instrument> instruments = new ArrayList<>(given.size());
    for (int i = 0; i < given.size(); i++) {
      if (!(given.getValue(i) instanceof JsonObject item)) {
        throw Failure.validation("instrument " + i + " is not an object");
      }
      instruments.add(Instrument.fromJson(item));
    }
    return new InstrumentUpsert(instruments);
  }

  public JsonObject toJson() {
    JsonArray items = new JsonArray();
    instruments.forEach(i -> items.add(i.toJson()));
    return new JsonObject().put("instruments", items);
  }
}
