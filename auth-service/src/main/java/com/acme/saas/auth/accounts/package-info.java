@NullMarked
package com.acme.saas.auth.accounts;

import org.jspecify.annotations.NullMarked;
