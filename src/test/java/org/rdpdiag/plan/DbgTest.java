package org.rdpdiag.plan;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rdpdiag.facts.*;
import org.rdpdiag.interview.*;
import org.rdpdiag.support.Examples;
class DbgTest {
  @Test void dbg() {
    for (String file : System.getProperty("dbg.files", "facts/examples/credssp-unpatched-client.yaml").split(",")) {
      HostFacts full = file.contains("cases") ? org.rdpdiag.authoring.CaseReader.factsOf(Path.of(file)) : FactsReader.read(Path.of(file));
      Interview iv = new Interview(Examples.service(), HostFacts.unknown(full.id()));
      for (int n = 0; n < 40; n++) {
        var sel = iv.next();
        if (sel.finished()) { System.out.println("END " + sel.endReason() + " lead=" + sel.ranking().get(0).cause().id()); break; }
        var c = sel.question();
        Object v = FactPaths.valueOf(full, c.question().fact());
        var obs = c.value() == null ? java.util.List.<org.rdpdiag.strategy.Action.Observe>of() : Examples.service().strategy().observations(iv.situation());
        System.out.println("Q " + c.question().id() + " = " + v + (c.value() == null ? "" : String.format(" saving=%.1f cost=%.1f", c.value().saving(), c.value().cost().total()))
          + " top3=" + obs.stream().limit(4).map(o -> o.question().id() + String.format("(%.1f/%.1f)", o.saving(), o.cost().total())).toList());
        iv.answer(c.question(), v);
        var ch = Examples.service().strategy().faultChances(iv.situation());
        System.out.println("   chances " + ch.entrySet().stream().sorted((a,b)->Double.compare(b.getValue(),a.getValue())).limit(4).map(e -> e.getKey() + String.format("=%.2f", e.getValue())).toList());
      }
    }
  }
}
