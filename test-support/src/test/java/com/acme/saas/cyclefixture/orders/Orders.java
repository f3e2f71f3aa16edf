package com.acme.saas.cyclefixture.orders;

import com.acme.saas.cyclefixture.invoices.Invoices;

/** Made to break the one-way rule: orders call invoices, which call orders back. */
public class Orders {

  public void place(Invoices invoices) {
    invoices.issue(this);
  }
}
