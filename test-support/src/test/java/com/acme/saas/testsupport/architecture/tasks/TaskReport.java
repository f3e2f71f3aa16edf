package com.acme.saas.testsupport.architecture.tasks;

import com.acme.saas.testsupport.architecture.billing.InvoiceRepository;

/** Reaches into another feature's repository. */
public class TaskReport {

  private final InvoiceRepository invoices = new InvoiceRepository();

  public String query() {
    invoices.insertEvent();
    return "select count(*) from billing.outbox";
  }
}
