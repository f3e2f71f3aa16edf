/** Response envelope, error catalogue and the global error handling of every service. */
@NullMarked
package com.acme.saas.common.web;

import org.jspecify.annotations.NullMarked;
