@NullMarked
package com.acme.saas.flags.evaluation;

import org.jspecify.annotations.NullMarked;
