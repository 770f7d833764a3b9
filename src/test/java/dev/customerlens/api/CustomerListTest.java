package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customerlens.CustomerAnalytics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerListTest {
  private static final CustomerList LIST = CustomerList.of(CustomerAnalytics.sample().analysis());
  private static final List<CustomerList.Item> ALL = LIST.page(new CustomerQuery(null, null, null, false, 10_000, 0)).items();

  /** What a page is: the items that pass the filters, stably sorted (ties in input order), then cut. */
  private static CustomerList.Page byDefinition(CustomerQuery query) {
    List<CustomerList.Item> selected = new ArrayList<>();
    for (CustomerList.Item item : ALL) {
      if ((query.persona() == null || item.persona().equals(query.persona()))
          && (query.priority() == null || item.topPriority().equals(query.priority()))) {
        selected.add(item);
      }
    }
    if (query.sort() != null) {
      Comparator<CustomerList.Item> order = CustomerList.SORTS.get(query.sort());
      selected.sort(query.descending() ? order.reversed() : order);
    }
    int from = Math.min(query.offset(), selected.size());
    int to = Math.min(from + query.limit(), selected.size());
    return new CustomerList.Page(selected.size(), query.limit(), query.offset(), List.copyOf(selected.subList(from, to)));
  }

  @Test
  void everySortOrderAndFilterGivesThePageOfItsDefinition() {
    assertEquals(3900, ALL.size());
    List<String> sorts = new ArrayList<>(CustomerList.SORTS.keySet());
    sorts.add(null);
    for (String sort : sorts) {
      for (boolean descending : new boolean[] {false, true}) {
        for (String persona : new String[] {null, "Bargain Hunter"}) {
          for (String priority : new String[] {null, "High"}) {
            for (int offset : new int[] {0, 37, 1000, 3890, 5000}) {
              CustomerQuery query = new CustomerQuery(persona, priority, sort, descending, 25, offset);
              assertEquals(byDefinition(query), LIST.page(query), query.toString());
            }
          }
        }
      }
    }
  }

  @Test
  void tiesKeepInputOrderInBothDirections() {
    // Revenue potential has three values, so nearly every item ties with a thousand others.
    for (boolean descending : new boolean[] {false, true}) {
      List<CustomerList.Item> page = LIST.page(new CustomerQuery(null, null, "revenue_potential", descending, 3900, 0)).items();
      for (int i = 1; i < page.size(); i++) {
        if (page.get(i).revenuePotential().equals(page.get(i - 1).revenuePotential())) {
          assertEquals(-1, Integer.signum(ALL.indexOf(page.get(i - 1)) - ALL.indexOf(page.get(i))), "input order within a tie");
        }
      }
    }
  }
}
