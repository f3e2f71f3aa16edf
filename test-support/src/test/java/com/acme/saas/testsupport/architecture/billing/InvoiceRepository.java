package com.acme.saas.testsupport.architecture.billing;

/** A repository with a caller outside its package. */
public class InvoiceRepository {

  public void insertEvent() {
    record("insert into billing.outbox (id, type) values (?, ?)");
  }

  private static void record(String sql) {}
}
