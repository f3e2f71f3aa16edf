@NullMarked
package com.acme.saas.flags.plans;

import org.jspecify.annotations.NullMarked;
