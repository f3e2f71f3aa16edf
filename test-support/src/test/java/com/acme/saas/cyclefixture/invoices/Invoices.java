package com.acme.saas.cyclefixture.invoices;

import com.acme.saas.cyclefixture.orders.Orders;

/** The other half of the cycle. */
public class Invoices {

  public void issue(Orders orders) {
    orders.hashCode();
  }
}
