@NullMarked
package com.acme.saas.billing;

import org.jspecify.annotations.NullMarked;
